import { z } from 'zod';

export interface RedisNode {
  host: string;
  port: number;
}

/** `host:port` or `[ipv6]:port`. */
const NODE = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/;

/**
 * REDIS_CLUSTER_NODES: some nodes of a Redis Cluster, `host:port,host:port,...` (the client discovers the rest from
 * them, so a few suffice; listing every master lets it start while one is down). Empty counts as unset.
 */
export const redisClusterNodes = z
  .string()
  .trim()
  .transform((value, ctx): RedisNode[] | undefined => {
    if (value === '') return undefined;
    const nodes: RedisNode[] = [];
    for (const entry of value.split(',').map((part) => part.trim())) {
      const match = NODE.exec(entry);
      const port = Number(match?.[3]);
      if (!match || port < 1 || port > 65_535) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not host:port (expected a comma-separated list such as redis-0:6379,redis-1:6379)`,
        });
        return z.NEVER;
      }
      nodes.push({ host: match[1] ?? match[2] ?? '', port });
    }
    return nodes;
  })
  .optional();
