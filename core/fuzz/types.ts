/**
 * Malformed requests for a Docker-API engine: what every engine should refuse with a 4xx and a JSON
 * `{"message": string}` body, without crashing and without changing its state.
 */
export const FUZZ_CATEGORIES = [
  'wrong-type', // a JSON body of the right shape with a field of the wrong type (create, update, volume, exec, commit)
  'bad-json', // a body that is not JSON, or not whole
  'over-limit', // a JSON body bigger than the engine's limit
  'unknown-route', // a path no route has
  'bad-name', // a container, volume or image name the rules refuse
  'archive-path', // archive GET/HEAD/PUT with `..` climbing out of the root, to a path that does not exist
  'version-prefix', // /vX.Y outside the supported range, or not a version
  'bad-query', // filters that are not JSON or name unknown keys, bad signals, sizes, times, timeouts
  'bad-method', // a method no route has for the path
  'bad-protocol', // requests HTTP/1.1 itself refuses (sent as raw bytes)
] as const;
export type FuzzCategory = (typeof FUZZ_CATEGORIES)[number];

/** What already exists on the engine, for the cases that need it. */
export interface FuzzTarget {
  /** A container that exists (created, never started): per-container routes aim at it. */
  container: string;
  /**
   * An image that exists: bodies that an engine with lax checks would accept use it, so that such an
   * engine creates something (which the state check then finds) rather than answering 404.
   */
  image: string;
}

export interface FuzzCase {
  /** Its place in the generated list (0-based), to replay it. */
  n: number;
  category: FuzzCategory;
  method: string;
  /** Request target: path and query, percent-encoded. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** The exact bytes to send instead (bad-protocol); method and path then only describe it. */
  wire?: Buffer;
  /** What is wrong with it, in a few words. */
  what: string;
  /**
   * A status outside 4xx that is also right for this input. Only one case has one: an HTTP version the
   * server does not speak may get 505 (RFC 9110 15.6.6). No other 5xx is right for any case here.
   */
  alsoOk?: number;
}
