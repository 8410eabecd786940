// Every test builds its own objects, and the reference files are only read, so tests can run in parallel.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]
