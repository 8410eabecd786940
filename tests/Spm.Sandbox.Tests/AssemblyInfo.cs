// Each test class seeds or starts its own organization and shares nothing, so classes can run side by side.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
