using System;

namespace Spm.Dataverse.Persistence
{
    /// <summary>The organization's data file cannot be opened, read or written; the message names the file and what to do.</summary>
    public sealed class OrganizationFileException : Exception
    {
        public OrganizationFileException(string path, string message, Exception? inner = null)
            : base(message, inner)
        {
            Path = path;
        }

        public string Path { get; }
    }
}
