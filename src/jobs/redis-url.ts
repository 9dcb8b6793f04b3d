// REDIS_URL as it may be shown in messages and logs (kept apart from redis.ts so showing it loads no client).

/** The URL with its password masked. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
