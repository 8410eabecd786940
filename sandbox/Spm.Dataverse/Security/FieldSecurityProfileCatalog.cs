using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Xrm.Sdk;

namespace Spm.Dataverse.Security
{
    /// <summary>
    /// The field security profiles an organization knows, and so its secured columns: every column a profile names is
    /// secured (Dataverse only lets a profile name a secured column). A <c>fieldsecurityprofile</c> row is matched to its
    /// definition by id, then by name.
    /// </summary>
    public sealed class FieldSecurityProfileCatalog
    {
        private readonly DefinitionList<FieldSecurityProfile> _profiles = new DefinitionList<FieldSecurityProfile>(p => p.Id, p => p.Name);
        private readonly HashSet<(string Table, string Column)> _secured = new HashSet<(string, string)>();

        /// <summary>The profiles the solution ships (solution/Other/FieldSecurityProfiles.xml, embedded in this assembly).</summary>
        public static FieldSecurityProfileCatalog Default()
        {
            var catalog = new FieldSecurityProfileCatalog();
            Assembly assembly = typeof(FieldSecurityProfileCatalog).Assembly;
            using Stream stream = assembly.GetManifestResourceStream("solution/Other/FieldSecurityProfiles.xml")
                ?? throw new InvalidOperationException("Spm.Dataverse was built without solution/Other/FieldSecurityProfiles.xml as an embedded resource.");
            foreach (FieldSecurityProfile profile in FieldSecurityProfileReader.Read(stream, "solution/Other/FieldSecurityProfiles.xml"))
            {
                catalog.Add(profile);
            }

            return catalog;
        }

        public IReadOnlyList<FieldSecurityProfile> Profiles => _profiles.Items;

        internal int Version => _profiles.Version;

        /// <summary>Adds a profile, or replaces the one with the same id; its columns become secured.</summary>
        public FieldSecurityProfile Add(FieldSecurityProfile profile)
        {
            _profiles.Add(profile);
            foreach (FieldPermission permission in profile.Permissions)
            {
                _secured.Add((permission.Table, permission.Column));
            }

            return profile;
        }

        /// <summary>Whether a profile names the column.</summary>
        public bool Names(string table, string column) => _secured.Contains((table, column));

        public FieldSecurityProfile? Find(string name) => _profiles.Find(name);

        /// <summary>The definition of a stored profile row; null for one this organization has no definition of (it allows nothing).</summary>
        public FieldSecurityProfile? Resolve(Guid id, Entity? profileRow) =>
            _profiles.FindById(id) ?? (profileRow?.GetAttributeValue<string>("name") is string name ? Find(name) : null);
    }
}
