using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace Spm.Solution.Parts;

/// <summary>What the packer needs to know of a built plug-in assembly, read from its metadata without loading it.</summary>
public sealed record PluginAssemblyFile(string FullName, IReadOnlySet<string> PublicClasses, string? XrmSdk, bool ReferencesFacade)
{
    /// <summary>The assembly the in-repo facade of Microsoft.Xrm.Sdk builds as.</summary>
    public const string FacadeAssemblyName = "Spm.Xrm.Sdk.Facade";

    /// <summary>Built against the official Microsoft.Xrm.Sdk, so Dataverse can load it.</summary>
    public bool BuiltAgainstOfficialSdk => !ReferencesFacade && string.Equals(XrmSdk, "Official", StringComparison.Ordinal);

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

        var facade = reader.AssemblyReferences.Any(r => string.Equals(reader.GetString(reader.GetAssemblyReference(r).Name), FacadeAssemblyName, StringComparison.Ordinal));
        return new PluginAssemblyFile(fullName, classes, AssemblyMetadata(reader, "XrmSdk"), facade);
    }

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
