/** One entry of the recency list. */
interface Node<K, V> {
  readonly key: K;
  value: V;
  /** Toward the next eviction. */
  older: Node<K, V> | undefined;
  /** Toward the last use. */
  newer: Node<K, V> | undefined;
}

/**
 * A map of at most `capacity` entries that evicts the least recently used one. Recency lives
 * in a linked list rather than in the Map's insertion order: a use then moves two pointers
 * instead of deleting and re-inserting a key, which leaves the Map untouched.
 */
export class LruMap<K, V> {
  private readonly nodes = new Map<K, Node<K, V>>();
  private oldest: Node<K, V> | undefined = undefined;
  private newest: Node<K, V> | undefined = undefined;

  constructor(readonly capacity: number) {}

  /** Number of entries. */
  get size(): number {
    return this.nodes.size;
  }

  /** The value for `key`, marking it the most recently used. */
  get(key: K): V | undefined {
    const node = this.nodes.get(key);
    if (node === undefined) return undefined;
    this.touch(node);
    return node.value;
  }

  /** The value for `key`, leaving recency alone. */
  peek(key: K): V | undefined {
    return this.nodes.get(key)?.value;
  }

  /** Stores `value` as the most recently used, evicting the least recently used entry when full. */
  set(key: K, value: V): void {
    const node = this.nodes.get(key);
    if (node !== undefined) {
      node.value = value;
      this.touch(node);
      return;
    }
    const added: Node<K, V> = { key, value, older: undefined, newer: undefined };
    this.nodes.set(key, added);
    this.append(added);
    if (this.nodes.size > this.capacity) this.delete(this.oldest!.key);
  }

  /** Removes `key`; returns true when it was there. */
  delete(key: K): boolean {
    const node = this.nodes.get(key);
    if (node === undefined) return false;
    this.unlink(node);
    this.nodes.delete(key);
    return true;
  }

  private touch(node: Node<K, V>): void {
    if (node === this.newest) return;
    this.unlink(node);
    this.append(node);
  }

  private append(node: Node<K, V>): void {
    node.older = this.newest;
    node.newer = undefined;
    if (this.newest === undefined) this.oldest = node;
    else this.newest.newer = node;
    this.newest = node;
  }

  private unlink(node: Node<K, V>): void {
    if (node.older === undefined) this.oldest = node.newer;
    else node.older.newer = node.newer;
    if (node.newer === undefined) this.newest = node.older;
    else node.newer.older = node.older;
    node.older = undefined;
    node.newer = undefined;
  }
}
