/**
 * The implementation behind {@code org.plezi.jakarta}, in layers; not an API: anything here may
 * change in any release (integrations use {@code org.plezi.jakarta.spi}). Each sub-package uses
 * only the ones below it, and the public API reaches in through {@code hooks} alone ({@code
 * ArchitectureTest} checks both):
 *
 * <pre>
 * runtime      initializer, servlet, websocket hand-off, endpoint adapter, start-up and shutdown
 * delivery     Messenger and controller forms, fan-out, bus inbound, unicast answers, mailboxes
 * connection   one websocket: callback lock, outbound queue, inbox, mail; registry, identities
 * redis        Redis bus and identity store          (bus, wire)
 * model        controller checks and models, routes  (event, json)
 * json         auto-dispatch                         (event)
 * event        event table, argument binding         (wire: event names must travel)
 * bus          Message, Bus, IdentityStore, and their in-memory implementations; the healing seam
 *              (ClusterState, Healer, Outage, LinkState: no Redisson type)
 * security     origin policy, handshake check, connection and rate limits, the user kept (base)
 * wire         the YAML envelope
 * jmx          the MXBeans over the public snapshot (issue 19)
 * hooks        the public API's doors: controller callbacks, the runtime, what a controller sees
 * metrics      the counts every layer writes and snapshots read (issue 19)
 * base         values, settings, rate-limited log, threads
 * </pre>
 *
 * <h2>Threading model</h2>
 *
 * <h3>Threads, and what runs on each</h3>
 *
 * <ul>
 *   <li><b>Container request threads.</b> {@code DispatcherServlet}: {@code preConnect}, {@code
 *       index}, {@code show} (the controller is not shared yet: no lock). Then, per websocket, the
 *       container's threads call {@code EndpointAdapter}: {@code onOpen}, each frame ({@code
 *       onMessage}, or the JSON dispatcher's parse, acknowledgement and event call), {@code
 *       onClose}. The container delivers one frame of a connection at a time.
 *   <li><b>Container send-completion threads.</b> An outbound queue's next send starts from the
 *       previous one's completion, on whichever thread the container completes it.
 *   <li><b>{@code plezi-events-<server>-n}</b> (a fixed pool, {@code plezi.events.threads}, default
 *       twice the processors): each connection's {@code Inbox}, one task at a time per connection:
 *       event methods called by other connections and by the bus, {@code onBroadcast}, the identity
 *       mailbox (its reads and acknowledgements go to the store; a client's confirmations of mail,
 *       issue 18, are queued there too, in order with the mail); also {@code @FailedUnicast}
 *       callbacks. (A closed connection's identity removals are asynchronous Redis calls, started
 *       on the closing thread and completed on Redisson's; those that fail in an outage are kept in
 *       {@code FailedRemovals} and retried by the healer's pass once Redis is back.)
 *   <li><b>{@code plezi-close-<server>-n}</b> (4 threads): close frames, which are blocking sends,
 *       and {@code onShutdown} at undeploy.
 *   <li><b>{@code plezi-send-timeouts-<server>-1}</b>: checks every connection's send in flight
 *       against {@code plezi.outbound.sendTimeoutMillis}. <b>{@code plezi-heartbeat-<server>-1}</b>
 *       (issue 18): sweeps every connection's {@code Liveness} a few times per ping interval, hands
 *       pings (blocking sends) to the close pool, queues 4010 closes, and hands a 4009 connection's
 *       release (leaving the registry, onClose) to the close pool.
 *   <li><b>{@code plezi-redis-<server>-1}</b>: connects the Redis bus, and retries while Redis is
 *       down at start-up; once joined, the link check every {@code plezi.redis.checkMillis} (and
 *       when triggered by a failed call or a resubscribe) and the healer's restore passes, which
 *       wait there for their asynchronous Redis writes (one pass at a time). <b>{@code
 *       plezi-identity-sweeper-1}</b>: expires in-memory identities. <b>{@code
 *       plezi-timers-<server>-1}</b>, the deployment's scheduler: every second, releases parked
 *       upgrades that never opened (older than 10 s): their controllers and connection places; and
 *       ends Messenger unicasts that got no answer in time.
 *   <li><b>Redisson's threads</b> (its netty event loop, and its listener pool of 2 threads for the
 *       client Plezi makes): what arrives on the bus, decoded and queued into inboxes ({@code
 *       BusReceiver}, never blocking); the answers to Messenger unicasts (a timed-out one completes
 *       on the deployment's {@code timers} thread), so the dependent stages an application adds
 *       without an {@code *Async} variant run there and must not block.
 *   <li><b>Application threads</b>: {@code Messenger} calls (a fan-out queues into the receivers'
 *       inboxes on the caller's thread) and {@code Controller.write} from anywhere.
 *   <li><b>The undeploy thread</b>: {@code PleziRuntime.shutdown}, which waits up to {@code
 *       plezi.shutdown.timeoutMillis} for the closes, then runs the remaining {@code onClose}.
 * </ul>
 *
 * <h3>Locks, what they guard, and their order</h3>
 *
 * <ol>
 *   <li><b>{@code Connection.callbacks}</b> (a {@code ReentrantLock} per connection): held while
 *       that connection's controller code runs, and while the connection enters the registry (with
 *       {@code onOpen}) and leaves it (with {@code onClose}), so its callbacks and events never
 *       overlap and no event runs before {@code onOpen}. It is the outermost lock: no Plezi lock is
 *       held when it is taken, and a thread holds at most one connection's (deliveries to other
 *       connections go through their inboxes, never inline). Controller code under it may take the
 *       locks below.
 *   <li><b>{@code OutboundQueue}'s monitor</b> (per connection): its frames, byte count, frame in
 *       flight and shut state. A leaf: the sink (the container) is always called without it.
 *   <li><b>{@code LocalIdentityStore}'s record monitors</b> (per identity): that identity's
 *       lifetime, connections and mailbox. Leaves.
 *   <li><b>{@code RedisBus}'s monitor</b>: its joined state (client, topics, listener ids) against
 *       a concurrent {@code close}. A leaf.
 *   <li><b>{@code ChannelRegistry}'s map entries</b> (issue 17): a channel's entry is changed in
 *       {@code ConcurrentHashMap.compute}, which also tells the bus of its first and last local
 *       subscriber; under it, {@code RedisChannels}' monitor (the subscribed channels and the
 *       client) is taken to queue asynchronous Redisson calls, never to wait. Both leaves apart
 *       from that order; a channel publish takes neither (a read of the map and a walk).
 *   <li><b>{@code Outage}'s monitor</b>: the outage under way and its counts; taken by any thread
 *       whose Redis call fails, never while calling anything. A leaf. ({@code RestorePass} has a
 *       leaf monitor of its own over its entries' iterator.)
 *   <li><b>Start-up only</b>: {@code PleziRuntime.install} (the class's monitor: one runtime per
 *       context), {@code RouteTable.addAll} and {@code ConnectionRegistry.addRoute} (their
 *       monitors), the hooks' {@code install}.
 * </ol>
 *
 * <p>The metrics (issue 19) are lock-free: {@code LongAdder}s in fields of each route's counts,
 * which connections hold; a close code's counter is made on its first use in a concurrent map; a
 * snapshot reads each outbound queue's byte count under that queue's monitor, one at a time.
 *
 * <p>Everything else is lock-free: inboxes (a concurrent queue and a CAS that starts one drain at a
 * time), the registry's concurrent maps (weakly consistent: a connection open for the whole of a
 * fan-out is always reached), unicast answers, parked upgrades, the connection limit (a CAS'd
 * count), and the {@code volatile} fields that the runtime and the buses write once at start-up.
 * Fields that one thread alone may touch say so where they are declared ({@code Controller}'s HTTP
 * exchange, an {@code Inbox.Batch}).
 *
 * <h3>Calls that may block on Redis</h3>
 *
 * Only the identity store's operations, each one Redis round trip (a Lua script): {@code
 * registerAs} and {@code notify} (on the caller's thread), the mailbox's reads and acknowledgements
 * (events pool). All of them go through {@code RedisCalls}: during an outage they fail at once with
 * {@code IllegalStateException} instead of waiting for the client's timeout. The bus never blocks
 * its caller: publishes are asynchronous, and the Redis client is made on the {@code redis} thread.
 *
 * <p><b>A Redis round trip under the callback lock, decided.</b> {@code registerAs} and {@code
 * notify} called from a callback make their round trip while that connection's lock is held: a slow
 * Redis then holds back that connection's other callbacks and events (they wait in its inbox,
 * bounded by {@code plezi.inbox.maxMessages}), and the thread running the callback (a container
 * thread, or one of the events pool's for an event method). This stays, bounded, for three reasons:
 * both calls answer the caller ({@code notify} returns whether the identity is alive; after {@code
 * registerAs} the identity's mailbox is read in order and a {@code notify} that follows it sees the
 * registration), so they must wait for Redis; releasing the lock in the middle of a callback would
 * let the connection's callbacks overlap, the first guarantee of {@code Controller}; and the wait
 * is bounded by the Redis client. For the client Plezi makes from {@code plezi.redis.url} the bound
 * is its 5 s response timeout per attempt, with Redisson's default 4 retries 1 to 2 s apart: about
 * 33 s at worst, after which the call throws. With the application's own client or {@code
 * plezi.redis.config}, the bound is that client's timeout and retries. Every other connection goes
 * on, except that event methods waiting on Redis hold events-pool threads, which the README's
 * identity section points out.
 */
package org.plezi.jakarta.internal;
