using System.IO;
using System.Xml.Linq;

namespace Spm.Dataverse.Registration
{
    /// <summary>What a custom API's definition in the unpacked solution (customapis/&lt;name&gt;/customapi.xml) says about registering it.</summary>
    public static class CustomApiFile
    {
        /// <summary>The privilege a caller needs (executeprivilegename), or null when the definition names none.</summary>
        public static string? ExecutePrivilegeName(string solutionFolder, string uniqueName)
        {
            string path = Path.Combine(solutionFolder, "customapis", uniqueName, "customapi.xml");
            return (string?)XDocument.Load(path).Root?.Element("executeprivilegename") is { Length: > 0 } privilege ? privilege : null;
        }
    }
}
