using System;

namespace Spm.Dataverse.Registration
{
    /// <summary>A step registration that cannot be used: names the file (or "code") and the element that is wrong.</summary>
    public sealed class StepRegistrationException : Exception
    {
        public StepRegistrationException(string source, string element, string problem, Exception? inner = null)
            : base($"{source}: <{element}>: {problem}", inner)
        {
            SourceName = source;
            Element = element;
            Problem = problem;
        }

        /// <summary>The file the registration came from, or a description such as "code" for steps built in code.</summary>
        public string SourceName { get; }

        /// <summary>The element (or attribute, as Element/@Attribute) that is wrong.</summary>
        public string Element { get; }

        public string Problem { get; }
    }
}
