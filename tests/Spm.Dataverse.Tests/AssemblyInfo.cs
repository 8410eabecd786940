// Each test class builds its own organization and pipeline and shares no state, so classes can run side by side.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
