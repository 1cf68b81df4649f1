package org.plezi.jakarta;

/**
 * Where a publication stands in its channel's history (issue 18): the channel, the history's epoch
 * (a random id made when the channel's history started; offsets of another epoch mean nothing) and
 * the publication's offset, 1, 2, 3... per epoch. The same three values an auto-dispatch client
 * gets as {@code "_chan_"}. See {@link Controller#channelPosition()}, which gives it while an event
 * method runs, and {@link Controller#recoverChannel(String, String, long)}, which takes it back.
 *
 * <p>Immutable. The library makes it with a valid channel name, an epoch of 1 to 64 characters of
 * {@code A-Z a-z 0-9 _ -} and an offset of at least 1; the constructor itself checks nothing.
 *
 * @param channel the channel's name
 * @param epoch the history's epoch
 * @param offset the publication's offset in that epoch
 */
public record HistoryPosition(String channel, String epoch, long offset) {
  // Written out by hand: a record's generated methods, linked from a deployment's code, kept
  // its class loader after undeploy (issue 21), and this one may well be a map key.

  @Override
  public boolean equals(Object other) {
    return other instanceof HistoryPosition that
        && offset == that.offset
        && java.util.Objects.equals(channel, that.channel)
        && java.util.Objects.equals(epoch, that.epoch);
  }

  @Override
  public int hashCode() {
    return (java.util.Objects.hashCode(channel) * 31 + java.util.Objects.hashCode(epoch)) * 31
        + Long.hashCode(offset);
  }

  @Override
  public String toString() {
    return "HistoryPosition[channel=" + channel + ", epoch=" + epoch + ", offset=" + offset + "]";
  }
}
