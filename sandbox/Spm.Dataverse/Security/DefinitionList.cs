using System;
using System.Collections.Generic;
using System.Linq;

namespace Spm.Dataverse.Security
{
    /// <summary>The definitions a catalog holds (roles, field security profiles): one per id, found by id or name, with a change count.</summary>
    internal sealed class DefinitionList<T>
        where T : class
    {
        private readonly List<T> _items = new List<T>();
        private readonly Func<T, Guid> _id;
        private readonly Func<T, string> _name;

        public DefinitionList(Func<T, Guid> id, Func<T, string> name)
        {
            _id = id;
            _name = name;
        }

        public IReadOnlyList<T> Items => _items;

        /// <summary>Counts the changes, so principals read before one are read again.</summary>
        public int Version { get; private set; }

        /// <summary>Adds a definition, or replaces the one with the same id.</summary>
        public T Add(T item)
        {
            ArgumentNullException.ThrowIfNull(item);
            Guid id = _id(item);
            _items.RemoveAll(i => _id(i) == id);
            _items.Add(item);
            Version++;
            return item;
        }

        public T? FindById(Guid id) => _items.FirstOrDefault(i => _id(i) == id);

        public T? Find(string name) => _items.FirstOrDefault(i => string.Equals(_name(i), name, StringComparison.Ordinal));
    }
}
