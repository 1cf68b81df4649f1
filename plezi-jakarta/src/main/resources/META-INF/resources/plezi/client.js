/*
 * Plezi for Jakarta EE: the browser client of @AutoDispatch controllers.
 * Served by the servlet container at <context path>/plezi/client.js; types in client.d.ts.
 *
 *   const client = new PleziClient();            // ws(s):// + this page's host and path
 *   client.chat = (message) => show(message);    // {"event":"chat", ...} from the server
 *   client.emit({event: 'chat', text: 'hi'}, (ack) => sent(), () => retry());
 *
 * Messages from the server that are JSON objects with a string "event" go to the own property of
 * that name when it is a function; anything else (other text, unknown names) goes to `unknown`.
 *
 * Mailbox messages (an identity's, see Controller.registerAs): the server tags each with
 * "_mail_": {"identity": ..., "seq": ...} (inside the reply, or in a frame {"event":"_mail_"} of its
 * own). The client runs the handler once per identity and seq (a message handed again after a
 * reconnect, because its confirmation did not arrive, is not shown twice), then confirms it:
 * {"event":"_mack_","m":[[identity, seq], ...]}, batched (after ackDelayMs, or every ackBatch
 * messages). The server removes a message from the mailbox only then, and hands unconfirmed ones
 * again, oldest first, when the identity registers next.
 *
 * Channels with history (see Controller.subscribe and plezi.channels.historySize): the server tags
 * each publication's reply with "_chan_": {"channel": ..., "epoch": ..., "offset": ...} (inside
 * the reply, or in a frame {"event":"_chan_"} of its own). The client remembers per channel the
 * last epoch and offset it handled and runs a handler once per offset. When it connects again it
 * first sends {"event":"_crec_","c":[[channel, epoch, offset], ...]} (before queued emits); the
 * server replays what was missed and answers {"event":"_crec_","channel":...,"recovered":true}.
 * Until that answer the channel's tagged replies are held and then handled in offset order, so a
 * handler sees every publication once and in order. When the history no longer covers the gap (it
 * was trimmed or expired, or a new epoch began: Redis lost it), the answer says
 * "recovered":false and onrecoveryfailed(channel) runs: reload what the channel stands for.
 *
 * Heartbeat: page scripts cannot see websocket pings, so the client sends its own. After
 * heartbeatMs without any frame from the server it sends {"event":"_ping_"}, which the server
 * answers with {"event":"_pong_"} (neither reaches a handler nor counts as application traffic);
 * when nothing at all arrives within heartbeatTimeoutMs of that, the server or the path to it is
 * taken as dead: the socket is dropped without waiting for a closing handshake, onclose runs with
 * code 4009, and the client reconnects. Browsers slow timers down in background tabs, which can
 * only delay this check.
 */
(function (root) {
  'use strict';

  /** Own properties that are callbacks, never event handlers. */
  const CALLBACKS = new Set(['onopen', 'onclose', 'onerror', 'unknown', 'onrecoveryfailed']);

  /** Entries of one recovery frame (the server's bound). */
  const RECOVERY_BATCH = 100;

  /** Replies a channel holds while its recovery is answered; beyond, they are handled at once. */
  const MAX_HELD = 10000;

  class PleziClient {
    /** The open websocket, or null between connections. */
    #socket = null;
    /** Emits waiting for a connection, oldest first: {text, pending}. */
    #queue = [];
    /** Emits waiting for their acknowledgement, by _EID_. */
    #pending = new Map();
    #lastEid = 0;
    /** Failed connection attempts since the last open; drives the backoff. */
    #attempts = 0;
    #reconnectTimer = null;
    #closed = false;
    /** The heartbeat's check timer, and its state for the open socket (Date.now() values). */
    #heartbeatTimer = null;
    #lastHeard = 0;
    #pingedAt = 0;
    /** Mailbox: the last seq handled per identity; confirmations waiting, identity to seq. */
    #handled = new Map();
    #toConfirm = new Map();
    #confirmCount = 0;
    #confirmTimer = null;
    /** Per channel with history, the last {epoch, offset} handled. */
    #positions = new Map();
    /** Channels whose recovery is not answered yet, and the tagged replies held meanwhile. */
    #held = new Map();

    /**
     * Opens a connection at once.
     * @param {string} [url] ws:, wss:, http:, https: or relative to the page; default: the page's URL
     * @param {boolean} [autoreconnect=true] reconnect after the connection is lost
     */
    constructor(url, autoreconnect = true) {
      this.url = PleziClient.#resolve(url);
      this.autoreconnect = autoreconnect !== false;
      /** How long an emit waits for its acknowledgement before its timeout callback runs. */
      this.ackTimeoutMs = 5000;
      /** The first reconnect delay; each failed attempt doubles it, up to reconnectMaxDelayMs. */
      this.reconnectDelayMs = 250;
      this.reconnectMaxDelayMs = 30000;
      /** How many emits may wait for a connection; further emits are refused. */
      this.maxQueued = 100;
      /** Silence from the server after which a heartbeat is sent; 0 turns the heartbeat off. */
      this.heartbeatMs = 20000;
      /** How long a heartbeat may go unanswered before the connection is dropped (code 4009). */
      this.heartbeatTimeoutMs = 10000;
      /** How long a mailbox confirmation waits to be sent with others; ackBatch sends at once. */
      this.ackDelayMs = 50;
      this.ackBatch = 32;
      this.onopen = null;
      this.onclose = null;
      this.onerror = null;
      this.unknown = null;
      /** Called with (channel) when a channel's missed publications could not be recovered. */
      this.onrecoveryfailed = null;
      this.#open();
    }

    /** Whether the websocket is open now. */
    get connected() {
      return this.#socket !== null && this.#socket.readyState === 1;
    }

    /**
     * Sends an event, or queues it while disconnected.
     * @param {object|string} message an object with a string `event` (or just the event's name)
     * @param {function} [ack] called with (ack, message) when the server acknowledges the message
     * @param {function} [timeout] called with (message) when no acknowledgement came in time, or
     *     at once (asynchronously) when the message was refused; a queued message then stays unsent
     * @param {number} [timeoutMs] overrides ackTimeoutMs for this message
     * @returns {boolean} whether the message was sent or queued
     */
    emit(message, ack, timeout, timeoutMs) {
      const payload = typeof message === 'string' ? { event: message } : Object.assign({}, message);
      if (typeof payload.event !== 'string') {
        throw new TypeError('PleziClient.emit needs an object with a string "event"');
      }
      let pending = null;
      if (typeof ack === 'function' || typeof timeout === 'function') {
        payload._EID_ = ++this.#lastEid;
        pending = { eid: payload._EID_, ack, timeout, message: payload, item: null, timer: null };
        this.#pending.set(pending.eid, pending);
        const wait = typeof timeoutMs === 'number' ? timeoutMs : this.ackTimeoutMs;
        pending.timer = setTimeout(() => this.#expire(pending.eid), wait);
      }
      const text = JSON.stringify(payload);
      if (this.connected) {
        this.#socket.send(text);
        return true;
      }
      if (this.#closed || this.#queue.length >= this.maxQueued) {
        if (pending) {
          clearTimeout(pending.timer);
          pending.timer = setTimeout(() => this.#expire(pending.eid), 0);
        }
        return false;
      }
      const item = { text, pending };
      this.#queue.push(item);
      if (pending) {
        pending.item = item;
      }
      return true;
    }

    /** Closes the connection and stops reconnecting; queued emits are dropped. */
    close(code = 1000, reason = '') {
      this.#closed = true;
      clearTimeout(this.#reconnectTimer);
      this.#stopHeartbeat();
      this.#queue = [];
      if (this.#socket !== null) {
        this.#socket.close(code, reason);
      }
    }

    #open() {
      const socket = new WebSocket(this.url);
      this.#socket = socket;
      socket.onopen = (event) => {
        this.#attempts = 0;
        this.#startHeartbeat(socket);
        this.#sendPositions(socket);
        const queued = this.#queue;
        this.#queue = [];
        for (const item of queued) {
          if (item.pending) {
            item.pending.item = null;
          }
          socket.send(item.text);
        }
        this.#call('onopen', event);
      };
      socket.onmessage = (event) => {
        this.#lastHeard = Date.now();
        this.#receive(event.data);
      };
      socket.onerror = (event) => this.#call('onerror', event);
      socket.onclose = (event) => this.#lost(socket, event);
    }

    /** A socket ended, or was given up: once per socket. */
    #lost(socket, event) {
      socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
      if (this.#socket !== socket) {
        return; // given up earlier: its late close event changes nothing
      }
      this.#socket = null;
      this.#stopHeartbeat();
      // Confirmations belong to this connection; the server hands those messages again.
      clearTimeout(this.#confirmTimer);
      this.#confirmTimer = null;
      this.#confirmCount = 0;
      this.#toConfirm.clear();
      this.#held.clear(); // not handled: the positions sent on reconnect ask for them again
      this.#call('onclose', event);
      if (this.autoreconnect && !this.#closed) {
        this.#scheduleReconnect();
      }
    }

    #startHeartbeat(socket) {
      this.#stopHeartbeat();
      this.#lastHeard = Date.now();
      this.#pingedAt = 0;
      const every = this.heartbeatMs;
      const timeout = this.heartbeatTimeoutMs;
      if (!(every > 0) || !(timeout > 0)) {
        return;
      }
      const period = Math.max(50, Math.min(1000, Math.min(every, timeout) / 4));
      this.#heartbeatTimer = setInterval(() => {
        if (this.#socket !== socket || socket.readyState !== 1) {
          return;
        }
        const now = Date.now();
        if (this.#pingedAt !== 0 && this.#lastHeard <= this.#pingedAt) {
          if (now - this.#pingedAt > timeout) {
            // A dead path never completes a closing handshake: drop the socket now.
            try {
              socket.close(4009, 'heartbeat timeout');
            } catch (ignored) {
              // closing is best effort
            }
            this.#lost(socket, { code: 4009, reason: 'heartbeat timeout', wasClean: false });
          }
          return;
        }
        this.#pingedAt = 0;
        if (now - this.#lastHeard >= every) {
          this.#pingedAt = now;
          socket.send('{"event":"_ping_"}');
        }
      }, period);
    }

    #stopHeartbeat() {
      clearInterval(this.#heartbeatTimer);
      this.#heartbeatTimer = null;
    }

    #scheduleReconnect() {
      const ceiling = Math.min(this.reconnectMaxDelayMs,
        this.reconnectDelayMs * Math.pow(2, Math.min(this.#attempts, 30)));
      this.#attempts += 1;
      // Jitter spreads the reconnects of many clients after a server restart.
      const delay = ceiling / 2 + Math.random() * ceiling / 2;
      this.#reconnectTimer = setTimeout(() => {
        if (!this.#closed) {
          this.#open();
        }
      }, delay);
    }

    #receive(data) {
      let message = data;
      if (typeof data === 'string') {
        try {
          message = JSON.parse(data);
        } catch (notJson) {
          message = data;
        }
      }
      const event = message !== null && typeof message === 'object' && !Array.isArray(message)
        ? message.event : undefined;
      if (event === '_ack_') {
        this.#acknowledge(message);
        return;
      }
      if (event === '_pong_') {
        return; // the heartbeat's answer: it arrived, which is all it says
      }
      if (event === '_crec_' && typeof message.channel === 'string') {
        this.#recovered(message.channel, message.recovered === true);
        return;
      }
      const position = message !== null && typeof message === 'object'
        ? message._chan_ : undefined;
      if (position !== undefined && position !== null && typeof position.channel === 'string'
          && typeof position.epoch === 'string' && typeof position.offset === 'number') {
        const held = this.#held.get(position.channel);
        if (held !== undefined && held.length < MAX_HELD) {
          held.push({ event, message, position });
        } else {
          this.#handlePublication(event, message, position);
        }
        return;
      }
      const mail = message !== null && typeof message === 'object' ? message._mail_ : undefined;
      if (mail !== undefined && mail !== null && typeof mail.identity === 'string'
          && typeof mail.seq === 'number') {
        const seen = this.#handled.get(mail.identity);
        if (event !== '_mail_' && !(seen !== undefined && mail.seq <= seen)) {
          try {
            this.#dispatch(event, message);
          } finally {
            this.#handled.set(mail.identity, mail.seq);
            this.#confirm(mail.identity, mail.seq);
          }
          return;
        }
        if (seen === undefined || mail.seq > seen) {
          this.#handled.set(mail.identity, mail.seq);
        }
        this.#confirm(mail.identity, mail.seq); // a repeat, or a bare tag: confirmed all the same
        return;
      }
      this.#dispatch(event, message);
    }

    /** Sends the last position of every channel, so that the server replays what was missed. */
    #sendPositions(socket) {
      const entries = [];
      for (const [channel, at] of this.#positions) {
        entries.push([channel, at.epoch, at.offset]);
        this.#held.set(channel, []);
      }
      for (let i = 0; i < entries.length; i += RECOVERY_BATCH) {
        socket.send(JSON.stringify({ event: '_crec_', c: entries.slice(i, i + RECOVERY_BATCH) }));
      }
    }

    /** The server's answer for a channel: handles what was held, in offset order. */
    #recovered(channel, ok) {
      const held = this.#held.get(channel) || [];
      this.#held.delete(channel);
      if (!ok) {
        this.#positions.delete(channel);
        this.#call('onrecoveryfailed', channel);
      }
      held.sort((a, b) => a.position.offset - b.position.offset);
      for (const item of held) {
        this.#handlePublication(item.event, item.message, item.position);
      }
    }

    /** A tagged publication: handled unless its offset was handled already. */
    #handlePublication(event, message, position) {
      const last = this.#positions.get(position.channel);
      if (last !== undefined && last.epoch === position.epoch && position.offset <= last.offset) {
        return; // a repeat
      }
      this.#positions.set(position.channel, { epoch: position.epoch, offset: position.offset });
      if (event !== '_chan_') {
        this.#dispatch(event, message);
      }
    }

    #dispatch(event, message) {
      const handler = typeof event === 'string' && !CALLBACKS.has(event)
        && Object.prototype.hasOwnProperty.call(this, event) ? this[event] : null;
      if (typeof handler === 'function') {
        handler.call(this, message);
      } else {
        this.#call('unknown', message);
      }
    }

    /** Queues a mailbox confirmation; sent after ackDelayMs, or at once every ackBatch. */
    #confirm(identity, seq) {
      const waiting = this.#toConfirm.get(identity);
      if (waiting === undefined || seq > waiting) {
        this.#toConfirm.set(identity, seq);
      }
      this.#confirmCount += 1;
      if (this.#confirmCount >= this.ackBatch) {
        this.#flushConfirmations();
      } else if (this.#confirmTimer === null) {
        this.#confirmTimer = setTimeout(() => this.#flushConfirmations(), this.ackDelayMs);
      }
    }

    #flushConfirmations() {
      clearTimeout(this.#confirmTimer);
      this.#confirmTimer = null;
      this.#confirmCount = 0;
      if (this.#toConfirm.size === 0 || !this.connected) {
        this.#toConfirm.clear(); // unconfirmed: the server hands them again, and they are skipped
        return;
      }
      const pairs = Array.from(this.#toConfirm.entries());
      this.#toConfirm.clear();
      for (let i = 0; i < pairs.length; i += 32) {
        this.#socket.send(JSON.stringify({ event: '_mack_', m: pairs.slice(i, i + 32) }));
      }
    }

    #acknowledge(ack) {
      const pending = this.#pending.get(ack._EID_);
      if (pending === undefined) {
        return; // late, after the timeout, or not ours
      }
      this.#pending.delete(ack._EID_);
      clearTimeout(pending.timer);
      if (typeof pending.ack === 'function') {
        pending.ack.call(this, ack, pending.message);
      }
    }

    #expire(eid) {
      const pending = this.#pending.get(eid);
      if (pending === undefined) {
        return;
      }
      this.#pending.delete(eid);
      if (pending.item !== null) {
        this.#queue = this.#queue.filter((item) => item !== pending.item);
      }
      if (typeof pending.timeout === 'function') {
        pending.timeout.call(this, pending.message);
      }
    }

    #call(name, argument) {
      if (typeof this[name] === 'function') {
        this[name](argument);
      }
    }

    static #resolve(url) {
      const page = typeof location === 'undefined' ? undefined : location.href;
      const target = new URL(url === undefined || url === null || url === '' ? page : url, page);
      if (target.protocol === 'http:') {
        target.protocol = 'ws:';
      } else if (target.protocol === 'https:') {
        target.protocol = 'wss:';
      }
      target.hash = '';
      return target.toString();
    }
  }

  if (typeof module === 'object' && module !== null && module.exports) {
    module.exports = PleziClient;
  } else {
    root.PleziClient = PleziClient;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
