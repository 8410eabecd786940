using Spm.Domain.Internal;

namespace Spm.Domain.Credits
{
    /// <summary>How far up the manager chain a deal rolls up: null levels = every manager, 0 = none.</summary>
    public sealed record RollUpPolicy
    {
        public RollUpPolicy(int? levels)
        {
            if (levels.HasValue)
            {
                Preconditions.InRange(levels.Value, 0, 50, "RollUpPolicy.Levels");
            }

            Levels = levels;
        }

        public int? Levels { get; }

        public static RollUpPolicy WholeChain { get; } = new RollUpPolicy((int?)null);

        public static RollUpPolicy None { get; } = new RollUpPolicy(0);
    }
}
