package org.plezi.jakarta;

/**
 * Which identity mailbox message an event method is running for (#18): the identity it was notified
 * to and its number there (numbers increase by one per message of an identity, in the order the
 * messages were notified). See {@link Controller#mailboxMessage()} and {@link
 * Controller#confirmMail(String, long)}.
 *
 * @param identity the identity the message was left for
 * @param seq its number in that identity's mailbox
 */
public record MailboxMessage(String identity, long seq) {}
