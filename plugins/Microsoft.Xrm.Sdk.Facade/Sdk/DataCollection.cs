using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>
    /// A keyed collection (attributes, parameters, images ...). Keys are compared with the default comparer
    /// (attribute names are case-sensitive). Reading a missing key through the indexer throws
    /// <see cref="KeyNotFoundException"/>; setting through the indexer adds or replaces.
    /// </summary>
    public abstract class DataCollection<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>, IEnumerable
    {
        // The .NET Framework wording, which is what plug-ins see in the Dataverse sandbox on every runtime.
        private const string MissingKeyMessage = "The given key was not present in the dictionary.";

        private readonly IDictionary<TKey, TValue> _items;

        protected internal DataCollection()
            : this(new Dictionary<TKey, TValue>())
        {
        }

        protected internal DataCollection(IDictionary<TKey, TValue> collection)
        {
            _items = collection ?? throw new ArgumentNullException(nameof(collection));
        }

        public int Count => _items.Count;

        public virtual bool IsReadOnly => false;

        public ICollection<TKey> Keys => _items.Keys;

        public ICollection<TValue> Values => _items.Values;

        public virtual TValue this[TKey key]
        {
            get
            {
                if (!_items.TryGetValue(key, out TValue value))
                {
                    throw new KeyNotFoundException(MissingKeyMessage);
                }

                return value;
            }

            set => _items[key] = value;
        }

        public void Add(KeyValuePair<TKey, TValue> item) => _items.Add(item);

        public void Add(TKey key, TValue value) => _items.Add(key, value);

        public void AddRange(IEnumerable<KeyValuePair<TKey, TValue>> items)
        {
            if (items == null)
            {
                throw new ArgumentNullException(nameof(items));
            }

            foreach (KeyValuePair<TKey, TValue> item in items)
            {
                _items.Add(item);
            }
        }

        public void AddRange(params KeyValuePair<TKey, TValue>[] items) => AddRange((IEnumerable<KeyValuePair<TKey, TValue>>)items);

        public void Clear() => _items.Clear();

        public bool Contains(KeyValuePair<TKey, TValue> key) => _items.Contains(key);

        public bool Contains(TKey key) => _items.ContainsKey(key);

        public bool ContainsKey(TKey key) => _items.ContainsKey(key);

        public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

        public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public bool Remove(KeyValuePair<TKey, TValue> item) => _items.Remove(item);

        public bool Remove(TKey key) => _items.Remove(key);

        public bool TryGetValue(TKey key, out TValue value) => _items.TryGetValue(key, out value);
    }

    /// <summary>
    /// A list collection (entities of a result, columns of a column set ...). As in the official SDK it has no
    /// public constructor: instances come from the owning object (for example <see cref="EntityCollection.Entities"/>).
    /// </summary>
    public class DataCollection<T> : Collection<T>
    {
        internal DataCollection()
        {
        }

        internal DataCollection(IEnumerable<T> items)
        {
            if (items != null)
            {
                AddRange(items);
            }
        }

        public void AddRange(IEnumerable<T> items)
        {
            if (items == null)
            {
                throw new ArgumentNullException(nameof(items));
            }

            foreach (T item in items)
            {
                Add(item);
            }
        }

        public void AddRange(params T[] items) => AddRange((IEnumerable<T>)items);

        public T[] ToArray()
        {
            var array = new T[Count];
            CopyTo(array, 0);
            return array;
        }
    }
}
