/** The kinds of value a flag takes. */
export type Kind = 'int' | 'number' | 'nonNegative' | 'string' | 'boolean' | 'range' | 'fraction';
export interface Option {
  flag: string;
  short?: string;
  env?: string;
  kind: Kind;
  help: string;
}

/** The CLI's flags, each with its environment variable, the kind of value it takes and its help line. */
export const OPTIONS: Option[] = [
  {
    flag: 'target',
    short: 't',
    env: 'TARGET_URL',
    kind: 'string',
    help: 'server (or nginx) URL [http://localhost:3000]',
  },
  {
    flag: 'socket-targets',
    env: 'PERF_SOCKET_TARGETS',
    kind: 'string',
    help: 'comma-separated URLs the sockets spread over, e.g. each instance [--target]',
  },
  {
    flag: 'local-ips',
    env: 'PERF_LOCAL_IPS',
    kind: 'string',
    help: 'source IPv4 addresses the sockets spread over, A,B or A-B (127.0.0.1-127.0.0.8: loopback)',
  },
  { flag: 'users', short: 'u', env: 'NUM_USERS', kind: 'int', help: 'users, one WebSocket each [100]' },
  {
    flag: 'rate',
    short: 'r',
    env: 'MSG_PER_SEC',
    kind: 'number',
    help: 'messages per second, all users together [10]',
  },
  { flag: 'duration', short: 'd', env: 'DURATION', kind: 'number', help: 'seconds of sending [30]' },
  { flag: 'groups', env: 'PERF_GROUPS', kind: 'int', help: 'group chats of --group-size members [users / 10]' },
  { flag: 'group-size', env: 'PERF_GROUP_SIZE', kind: 'range', help: 'members per group, N or MIN-MAX [5-50]' },
  {
    flag: 'large-groups',
    env: 'PERF_LARGE_GROUPS',
    kind: 'int',
    help: 'extra large groups [1 when users >= 300, else 0]',
  },
  {
    flag: 'large-group-size',
    env: 'PERF_LARGE_GROUP_SIZE',
    kind: 'int',
    help: 'members per large group [min(300, users)]',
  },
  {
    flag: 'group-share',
    env: 'PERF_GROUP_SHARE',
    kind: 'fraction',
    help: 'share of messages sent to groups, 0..1 [0.3]; the rest go to direct chats',
  },
  {
    flag: 'ramp-up',
    env: 'PERF_RAMP_UP',
    kind: 'number',
    help: 'seconds over which the sockets connect [users / 100]',
  },
  {
    flag: 'settle',
    env: 'PERF_SETTLE',
    kind: 'number',
    help: 'seconds to wait once every socket is connected, before the first send: a steady state, not the tail of the connection storm [0]',
  },
  { flag: 'drain', env: 'PERF_DRAIN', kind: 'number', help: 'max seconds to wait for late deliveries [10]' },
  {
    flag: 'ack-timeout',
    env: 'PERF_ACK_TIMEOUT',
    kind: 'number',
    help: 'seconds before a send counts as timed out [10]',
  },
  {
    flag: 'receipt-interval',
    env: 'PERF_RECEIPT_INTERVAL',
    kind: 'nonNegative',
    help: "seconds between a socket's receipts:batch of delivered watermarks (all its chats in one); 0: none [1]",
  },
  {
    flag: 'per-chat-receipts',
    env: 'PERF_PER_CHAT_RECEIPTS',
    kind: 'boolean',
    help: 'receipts as older clients: message:delivered per chat (--receipt-interval apart), and per-chat events back',
  },
  { flag: 'concurrency', env: 'PERF_CONCURRENCY', kind: 'int', help: 'parallel HTTP requests during set-up [16]' },
  { flag: 'workers', env: 'PERF_WORKERS', kind: 'int', help: 'child processes holding the sockets [1]' },
  { flag: 'reuse', env: 'PERF_REUSE', kind: 'boolean', help: 'reuse the world file when it still matches the target' },
  { flag: 'world', env: 'PERF_WORLD', kind: 'string', help: 'world state file [.perf-world.json]' },
  { flag: 'report', env: 'PERF_REPORT', kind: 'string', help: 'write a JSON report there, and an HTML one next to it' },
  {
    flag: 'server-metrics',
    env: 'PERF_SERVER_METRICS',
    kind: 'boolean',
    help: 'scrape <target>/metrics (and each socket target) during the run: memory, lag, sockets, trend',
  },
  {
    flag: 'server-metrics-every',
    env: 'PERF_SERVER_METRICS_EVERY',
    kind: 'number',
    help: 'seconds between two scrapes; implies --server-metrics [10]',
  },
  { flag: 'prefix', env: 'USER_PREFIX', kind: 'string', help: 'usernames are <prefix>_0, <prefix>_1, … [perf]' },
  { flag: 'password', env: 'PERF_PASSWORD', kind: 'string', help: 'password of those users [perf-password-1]' },
];
