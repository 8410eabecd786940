using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Spm.Solution;

internal static class Xml
{
    /// <summary>UTF-8 with BOM-less, indented, LF line ends: the same document always gives the same bytes.</summary>
    public static byte[] Bytes(XDocument document)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n", OmitXmlDeclaration = false };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }
}
