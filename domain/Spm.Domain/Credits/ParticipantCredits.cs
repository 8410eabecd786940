using System;
using System.Collections;
using System.Collections.Generic;

namespace Spm.Domain.Credits
{
    /// <summary>One participant's ledger rows in posting order; an array so the hot fold loop indexes without interface calls.</summary>
    internal sealed class ParticipantCredits : IReadOnlyList<Credit>
    {
        private Credit[] _items = new Credit[8];

        public int Count { get; private set; }

        internal Credit[] Items => _items;

        /// <summary>The id of the newest row (ids grow along the slice), 0 when empty.</summary>
        public long LastId => Count == 0 ? 0L : _items[Count - 1].Id;

        public Credit this[int index] => index < Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

        public void Add(Credit credit)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            _items[Count++] = credit;
        }

        public IEnumerator<Credit> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return _items[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
