using System;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Spm.WebApi.Errors;

namespace Spm.WebApi.Reads
{
    /// <summary>
    /// The $skiptoken of an @odata.nextLink, in Dataverse's form: &lt;cookie pagenumber="2" pagingcookie="…" istracking="False" /&gt;,
    /// the paging cookie (URL-encoded) of the page before and the number of the page to read.
    /// </summary>
    internal sealed record SkipToken(int PageNumber, string? PagingCookie)
    {
        public override string ToString() =>
            new XElement(
                "cookie",
                new XAttribute("pagenumber", PageNumber.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("pagingcookie", Uri.EscapeDataString(PagingCookie ?? string.Empty)),
                new XAttribute("istracking", "False")).ToString(SaveOptions.DisableFormatting);

        public static SkipToken Parse(string token)
        {
            try
            {
                XElement cookie = XElement.Parse(token);
                if (cookie.Name != "cookie" || !int.TryParse((string?)cookie.Attribute("pagenumber"), NumberStyles.None, CultureInfo.InvariantCulture, out int page) || page < 1)
                {
                    throw new FormatException();
                }

                string? paging = (string?)cookie.Attribute("pagingcookie");
                return new SkipToken(page, string.IsNullOrEmpty(paging) ? null : Uri.UnescapeDataString(paging));
            }
            catch (Exception exception) when (exception is XmlException or FormatException)
            {
                throw WebApiException.BadQuery($"The $skiptoken '{token}' is not a paging cookie this service issued: follow the @odata.nextLink as it was returned.", exception);
            }
        }
    }
}
