namespace Microsoft.Xrm.Sdk
{
    // Its own file so build/check-official-sdk.sh can compile it into both stand-in assemblies (internals do not cross them).

    /// <summary>Typed access to request parameters and response results, as the typed messages need it.</summary>
    internal static class ParameterAccess
    {
        /// <summary>The value under <paramref name="name"/> cast to <typeparamref name="T"/>, or default(T) when absent or null.</summary>
        internal static T Get<T>(ParameterCollection parameters, string name)
        {
            return parameters.TryGetValue(name, out object value) && value != null ? (T)value : default;
        }
    }
}
