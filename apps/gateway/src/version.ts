/** Reported in heartbeats; bumped with the package version. */
export const VERSION = '0.1.0';
