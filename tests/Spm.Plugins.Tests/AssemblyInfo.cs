// Each test builds its own in-memory organization, so classes can run side by side.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
