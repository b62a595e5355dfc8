/** What a loaded plan knows of each connection on this node: where it broadcasts to and whose carets it holds. */

/** The minimal view of a connection the document needs. */
export interface DocumentPeer {
  send(message: Uint8Array): void;
  /** Sends a broadcast: `frame` is `messages` already framed once for every recipient (see framing.ts), in order. */
  sendFramed(frame: Buffer, messages: Uint8Array | readonly Uint8Array[]): void;
  readonly awarenessIds: Set<number>;
  /** Whose connection this is: awareness ids set on another node may be taken over by the same person only. */
  readonly userId: string;
}
