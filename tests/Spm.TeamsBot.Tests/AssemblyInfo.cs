// Tests build their own engines and share no state, so classes can run side by side.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
