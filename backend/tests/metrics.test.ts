import request from 'supertest';
import { useTestSockets } from './helpers/sockets';
import { useTestServer } from './helpers/test-server';
import { chattingPair } from './helpers/users';

const sockets = useTestSockets();
const server = useTestServer();

it('exposes Prometheus metrics: HTTP by route pattern, sockets, events, fan-out, replays', async () => {
  const { alice, chatId } = await chattingPair(server);
  const socket = await sockets.connect(server.url, alice.accessToken);
  await socket.timeout(5_000).emitWithAck('message:send', { chatId, clientMsgId: 'm1', content: 'hi' });
  await socket.timeout(5_000).emitWithAck('message:send', { chatId: 'nope' });
  await socket.timeout(5_000).emitWithAck('sync', { cursor: null });
  await request(server.url).get(`/api/chats/${chatId}/messages`).set(alice.auth).expect(200);

  const response = await request(server.url)
    .get('/metrics')
    .expect(200)
    .expect('Content-Type', /text\/plain/);
  const text = response.text;
  expect(text).toMatch(
    /messenger_http_request_duration_seconds_count\{method="GET",route="\/api\/chats\/:id\/messages",status="200"\} 1/,
  );
  expect(text).not.toContain(chatId);
  expect(text).toMatch(/messenger_socket_connections 1/);
  expect(text).toMatch(/messenger_socket_events_received_total\{event="message:send",outcome="ok"\} 1/);
  expect(text).toMatch(/messenger_socket_events_received_total\{event="message:send",outcome="error"\} 1/);
  expect(text).toMatch(/messenger_socket_events_published_total\{event="message:new"\} 1/);
  expect(text).toMatch(/messenger_event_fanout_seconds_count [1-9]/);
  expect(text).toMatch(/messenger_sync_replays_total\{outcome="current"\} 1/);
  expect(text).toMatch(/nodejs_eventloop_lag_seconds/);
  expect(text).toMatch(/messenger_db_pool_connections\{state="total"\} [1-9]/);
  expect(text).toMatch(/messenger_db_pool_connections\{state="waiting"\} 0/);
  // A single node without REDIS_URL has no Redis connections to report.
  expect(text).not.toContain('messenger_redis_up');
});
