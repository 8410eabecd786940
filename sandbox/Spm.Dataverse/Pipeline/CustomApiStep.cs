namespace Spm.Dataverse.Pipeline
{
    /// <summary>A registered Custom API with the step that stands for its main operation (stage 30) in the records.</summary>
    internal sealed class CustomApiStep
    {
        public CustomApiStep(CustomApiRegistration api, RegisteredStep step)
        {
            Api = api;
            Step = step;
        }

        public CustomApiRegistration Api { get; }

        public RegisteredStep Step { get; }
    }
}
