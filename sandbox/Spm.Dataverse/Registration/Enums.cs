namespace Spm.Dataverse.Registration
{
    /// <summary>The stage of the event pipeline a step runs in (the <c>Stage</c> element). 30 is the core operation and cannot be registered.</summary>
    public enum PipelineStage
    {
        PreValidation = 10,
        PreOperation = 20,
        MainOperation = 30,
        PostOperation = 40,
    }

    /// <summary>The execution mode of a step (the <c>Mode</c> element).</summary>
    public enum StepMode
    {
        Synchronous = 0,
        Asynchronous = 1,
    }

    /// <summary>Which images a step image registration produces (the <c>ImageType</c> element).</summary>
    public enum StepImageType
    {
        PreImage = 0,
        PostImage = 1,
        Both = 2,
    }
}
