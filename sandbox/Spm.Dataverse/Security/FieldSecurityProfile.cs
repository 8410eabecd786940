using System;
using System.Collections.Generic;

namespace Spm.Dataverse.Security
{
    /// <summary>What a field security profile allows on one secured column (a FieldPermission: 4 = allowed, 0 = not).</summary>
    public readonly record struct FieldPermission(string Table, string Column, bool CanRead, bool CanCreate, bool CanUpdate);

    /// <summary>A field security profile (solution/Other/FieldSecurityProfiles.xml): the secured columns its holders may read, set on create, or update.</summary>
    public sealed class FieldSecurityProfile
    {
        private readonly Dictionary<(string Table, string Column), FieldPermission> _permissions = new Dictionary<(string, string), FieldPermission>();

        public FieldSecurityProfile(Guid id, string name, IEnumerable<FieldPermission> permissions)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A field security profile needs a name.", nameof(name));
            }

            Id = id;
            Name = name;
            foreach (FieldPermission permission in permissions ?? throw new ArgumentNullException(nameof(permissions)))
            {
                _permissions[(permission.Table, permission.Column)] = permission;
            }
        }

        public Guid Id { get; }

        public string Name { get; }

        public IReadOnlyCollection<FieldPermission> Permissions => _permissions.Values;

        /// <summary>The profile's permission on a column; a column the profile does not list is denied.</summary>
        public FieldPermission PermissionOn(string table, string column) =>
            _permissions.TryGetValue((table, column), out FieldPermission permission) ? permission : new FieldPermission(table, column, false, false, false);

        public override string ToString() => Name;
    }
}
