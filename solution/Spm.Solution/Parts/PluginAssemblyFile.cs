using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace Spm.Solution.Parts;

/// <summary>What the packer needs to know of a built plug-in assembly, read from its metadata without loading it.</summary>
public sealed record PluginAssemblyFile(string FullName, IReadOnlySet<string> PublicClasses, string? XrmSdk, bool ReferencesFacade, string? XrmSdkPublicKeyToken = null)
{
    /// <summary>Microsoft signs Microsoft.Xrm.Sdk with this key; a build against a look-alike (e.g. the stand-in package of build/check-official-sdk.sh) carries another.</summary>
    public const string MicrosoftPublicKeyToken = "31bf3856ad364e35";

    /// <summary>The assembly the in-repo facade of Microsoft.Xrm.Sdk builds as.</summary>
    public const string FacadeAssemblyName = "Spm.Xrm.Sdk.Facade";

    /// <summary>Built against the official Microsoft.Xrm.Sdk (Microsoft's key, not the facade), so Dataverse can load it.</summary>
    public bool BuiltAgainstOfficialSdk =>
        !ReferencesFacade
        && string.Equals(XrmSdk, "Official", StringComparison.Ordinal)
        && string.Equals(XrmSdkPublicKeyToken, MicrosoftPublicKeyToken, StringComparison.OrdinalIgnoreCase);

    public static PluginAssemblyFile Read(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var reader = pe.GetMetadataReader();
        var definition = reader.GetAssemblyDefinition();
        var name = reader.GetString(definition.Name);
        var token = PublicKeyToken(reader.GetBlobBytes(definition.PublicKey));
        var culture = definition.Culture.IsNil ? "neutral" : reader.GetString(definition.Culture);
        var fullName = $"{name}, Version={definition.Version}, Culture={(culture.Length == 0 ? "neutral" : culture)}, PublicKeyToken={token}";

        var classes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var visibility = type.Attributes & System.Reflection.TypeAttributes.VisibilityMask;
            if (visibility == System.Reflection.TypeAttributes.Public && (type.Attributes & System.Reflection.TypeAttributes.Abstract) == 0)
            {
                var ns = reader.GetString(type.Namespace);
                classes.Add(ns.Length == 0 ? reader.GetString(type.Name) : ns + "." + reader.GetString(type.Name));
            }
        }

        var references = reader.AssemblyReferences.Select(reader.GetAssemblyReference).ToList();
        var facade = references.Any(r => string.Equals(reader.GetString(r.Name), FacadeAssemblyName, StringComparison.Ordinal));
        var sdk = references.Where(r => string.Equals(reader.GetString(r.Name), "Microsoft.Xrm.Sdk", StringComparison.Ordinal))
            .Select(r => ReferenceToken(reader.GetBlobBytes(r.PublicKeyOrToken), (r.Flags & System.Reflection.AssemblyFlags.PublicKey) != 0))
            .FirstOrDefault();
        return new PluginAssemblyFile(fullName, classes, AssemblyMetadata(reader, "XrmSdk"), facade, sdk);
    }

    /// <summary>A reference carries the token itself, or (flag PublicKey) the whole key.</summary>
    private static string ReferenceToken(byte[] keyOrToken, bool isFullKey) =>
        isFullKey ? PublicKeyToken(keyOrToken) : keyOrToken.Length == 0 ? "null" : Convert.ToHexStringLower(keyOrToken);

    private static string PublicKeyToken(byte[] publicKey)
    {
        if (publicKey.Length == 0)
        {
            return "null";
        }

        // The token is the last 8 bytes of the key's SHA-1, reversed.
#pragma warning disable CA5350 // SHA-1 is what the CLR defines the public key token as; not used for security here.
        var hash = SHA1.HashData(publicKey);
#pragma warning restore CA5350
        return Convert.ToHexStringLower(hash.AsSpan(hash.Length - 8).ToArray().Reverse().ToArray());
    }

    /// <summary>The value of [assembly: AssemblyMetadata(key, value)], or null.</summary>
    private static string? AssemblyMetadata(MetadataReader reader, string key)
    {
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind != HandleKind.TypeReference
                || reader.GetString(reader.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name) != "AssemblyMetadataAttribute")
            {
                continue;
            }

            // Blob: prolog 0x0001, then two SerStrings.
            var blob = reader.GetBlobReader(attribute.Value);
            if (blob.ReadUInt16() != 1)
            {
                continue;
            }

            var name = blob.ReadSerializedString();
            var value = blob.ReadSerializedString();
            if (string.Equals(name, key, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }
}
