// Types of the Plezi for Jakarta EE browser client, served beside it at /plezi/client.d.ts.
// A classic script defines the global PleziClient; CommonJS gets it as the module's export.

export = PleziClient;
export as namespace PleziClient;

declare class PleziClient {
  /**
   * Opens a connection at once.
   * @param url ws:, wss:, http:, https: or relative to the page; default: the page's own URL
   * @param autoreconnect reconnect with exponential backoff after the connection is lost (default true)
   */
  constructor(url?: string | null, autoreconnect?: boolean);

  /** The websocket URL, resolved against the page. */
  readonly url: string;
  autoreconnect: boolean;
  /** Default wait for an acknowledgement, in milliseconds (5000). */
  ackTimeoutMs: number;
  /** First reconnect delay in milliseconds (250); doubles per failed attempt, with jitter. */
  reconnectDelayMs: number;
  /** Largest reconnect delay in milliseconds (30000). */
  reconnectMaxDelayMs: number;
  /** How many emits may wait for a connection (100); more are refused. */
  maxQueued: number;
  /**
   * Milliseconds without any frame from the server after which the client sends a heartbeat
   * (`{"event":"_ping_"}`, answered by `{"event":"_pong_"}`); 0 turns the heartbeat off (20000).
   */
  heartbeatMs: number;
  /**
   * Milliseconds a heartbeat may go unanswered before the client drops the connection, calls
   * onclose with code 4009 and reconnects (10000).
   */
  heartbeatTimeoutMs: number;
  /**
   * Milliseconds a mailbox message's confirmation (`{"event":"_mack_","m":[[identity, seq]]}`)
   * waits to be sent with others (50); the server keeps the message until it arrives.
   */
  ackDelayMs: number;
  /** Confirmations that are sent at once without waiting for ackDelayMs (32). */
  ackBatch: number;
  /** Whether the websocket is open now. */
  readonly connected: boolean;

  onopen: ((this: PleziClient, event: Event) => void) | null;
  onclose: ((this: PleziClient, event: CloseEvent) => void) | null;
  onerror: ((this: PleziClient, event: Event) => void) | null;
  /**
   * Called with a channel's name when its missed publications could not be recovered after a
   * reconnect (the history was trimmed or expired, or a new epoch began because Redis lost it), or
   * when the server found a gap it cannot fill: reload what the channel stands for. Recovery itself
   * is automatic: the client remembers the last `{epoch, offset}` it handled per channel with
   * history (the `_chan_` member of the server's replies), sends them on reconnect
   * (`{"event":"_crec_","c":[[channel, epoch, offset]]}`), holds the channel's replies until the
   * server's answer (`{"event":"_crec_","channel":..., "recovered": true | false}`), and runs
   * handlers once per offset, in order.
   */
  onrecoveryfailed: ((this: PleziClient, channel: string) => void) | null;
  /** Messages no handler takes: other events, replies that are not JSON objects (given as text). */
  unknown: ((this: PleziClient, message: unknown) => void) | null;

  /**
   * Sends an event, or queues it while disconnected (queued emits go out, in order, on reconnect).
   * `_EID_` is added, and the acknowledgement awaited, only when `ack` or `timeout` is given.
   * @param timeout runs when no acknowledgement came within `timeoutMs`, or (asynchronously) when
   *     the message was refused; a queued message whose time runs out is never sent
   * @returns whether the message was sent or queued
   */
  emit(
    message: PleziClient.PleziMessage | string,
    ack?: ((this: PleziClient, ack: PleziClient.PleziAck, message: PleziClient.PleziMessage) => void) | null,
    timeout?: ((this: PleziClient, message: PleziClient.PleziMessage) => void) | null,
    timeoutMs?: number,
  ): boolean;

  /** Closes the connection and stops reconnecting; queued emits are dropped. */
  close(code?: number, reason?: string): void;

  /** Event handlers, named after the server's events. */
  [event: string]: any;
}

declare namespace PleziClient {
  /** A JSON event: an object with a string `event` and any other members. */
  interface PleziMessage {
    event: string;
    [member: string]: unknown;
  }

  /** Where a channel publication stands (the `_chan_` member of its reply). */
  interface ChannelPosition {
    channel: string;
    /** Changes when the channel's history starts again; offsets of another epoch mean nothing. */
    epoch: string;
    /** From 1, one more per publication of the epoch. */
    offset: number;
  }

  /** The server's acknowledgement of a message that carried `_EID_`. */
  interface PleziAck {
    event: '_ack_';
    _EID_: number;
  }

  /** The server's reply to a message it could not handle (see the server's AutoDispatch). */
  interface PleziError {
    event: 'err';
    status: 400 | 404 | 405 | 500;
    result: string;
    reason?: string;
    request?: PleziMessage;
  }

  /** A handler for the server's messages of one event, set as `client.<event> = handler`. */
  type PleziHandler = (this: PleziClient, message: PleziMessage) => void;
}
