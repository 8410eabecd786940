namespace Spm.Plugins.Steps
{
    /// <summary>The entity image aliases every SPM step registers (solution/SdkMessageProcessingSteps/*.xml, EntityAlias).</summary>
    internal static class StepImages
    {
        public const string Pre = "pre";
        public const string Post = "post";
    }
}
