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
 */
(function (root) {
  'use strict';

  /** Own properties that are callbacks, never event handlers. */
  const CALLBACKS = new Set(['onopen', 'onclose', 'onerror', 'unknown']);

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
      this.onopen = null;
      this.onclose = null;
      this.onerror = null;
      this.unknown = null;
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
      socket.onmessage = (event) => this.#receive(event.data);
      socket.onerror = (event) => this.#call('onerror', event);
      socket.onclose = (event) => {
        if (this.#socket === socket) {
          this.#socket = null;
        }
        this.#call('onclose', event);
        if (this.autoreconnect && !this.#closed) {
          this.#scheduleReconnect();
        }
      };
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
      const handler = typeof event === 'string' && !CALLBACKS.has(event)
        && Object.prototype.hasOwnProperty.call(this, event) ? this[event] : null;
      if (typeof handler === 'function') {
        handler.call(this, message);
      } else {
        this.#call('unknown', message);
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
