// jemalloc's options for bangfu's executables (bangfu and the benchmarks, so they measure the same heap).
#ifdef BANGFU_WITH_JEMALLOC
// jemalloc reads its options from this symbol. Transparent huge pages for the heap: start-up builds a
// 24 MB word table whose 4 KB page faults were a third of bangfu's start-up time, and the table's random
// probes miss the TLB less (MALLOC_CONF overrides).
extern "C" const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
#endif
