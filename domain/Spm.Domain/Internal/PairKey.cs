using System;

namespace Spm.Domain.Internal
{
    /// <summary>
    /// A two-string dictionary key (participant × period, deal × kind). ValueTuple is not available to the net462
    /// plugin build that compiles these sources, and a concatenated string would allocate on every lookup.
    /// </summary>
    internal readonly struct PairKey : IEquatable<PairKey>
    {
        public PairKey(string first, string second)
        {
            First = first;
            Second = second;
        }

        public string First { get; }

        public string Second { get; }

        public bool Equals(PairKey other) => string.Equals(First, other.First, StringComparison.Ordinal) && string.Equals(Second, other.Second, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is PairKey other && Equals(other);

        public override int GetHashCode() => unchecked((StringComparer.Ordinal.GetHashCode(First) * 397) ^ StringComparer.Ordinal.GetHashCode(Second));
    }
}
