declare module 'quickselect' {
  /** Rearranges `items` so that `items[k]` is the k-th smallest, smaller before it, larger after. */
  export default function quickselect<T>(
    items: { [index: number]: T; length: number },
    k: number,
    left?: number,
    right?: number,
    compare?: (a: T, b: T) => number,
  ): void;
}
