/**
 * Preloaded (`--import`) into a process profiled with --cpu-prof: node writes the profile on a
 * normal exit only, and a graceful shutdown ends by re-raising the signal. Benchmark use only.
 */
process.once('SIGTERM', () => process.exit(0));
