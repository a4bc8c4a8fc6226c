/**
 * A router built from a previous one shares every table the change did not touch. Each mutable
 * structure remembers which build created it (its owner token); a build may mutate only what it
 * owns and copies anything else first, so the previous router, still serving in-flight
 * requests, never changes under them.
 */
export type Owner = object;
