/**
 * Small numbers for the strings a book compares offers by, so that a price level can hold them
 * in typed arrays: a unit becomes an id, a certificate a bit. Ids and bits are never reused.
 */
export class OfferCodes {
  private readonly units = new Map<string, number>();
  private readonly certificates = new Map<string, number>();

  /** The unit's id, given one if it has none yet. */
  unitId(unit: string): number {
    let id = this.units.get(unit);
    if (id === undefined) {
      id = this.units.size;
      this.units.set(unit, id);
    }
    return id;
  }

  /** The unit's id, or -1 when no offer of the book was ever in that unit. */
  knownUnitId(unit: string): number {
    return this.units.get(unit) ?? -1;
  }

  /**
   * The certificates as bits, given bits if they have none yet; null when one of them gets no
   * bit (a book that has seen more than 31 certificates), and must be compared by name.
   */
  certificateBits(certificates: readonly string[]): number | null {
    let bits = 0;
    for (const certificate of certificates) {
      let bit = this.certificates.get(certificate);
      if (bit === undefined && this.certificates.size < 31) {
        bit = 1 << this.certificates.size;
        this.certificates.set(certificate, bit);
      }
      if (bit === undefined) return null;
      bits |= bit;
    }
    return bits;
  }

  /** The bits of certificates already known, without giving any new ones; null if one is not. */
  knownCertificateBits(certificates: readonly string[]): number | null {
    let bits = 0;
    for (const certificate of certificates) {
      const bit = this.certificates.get(certificate);
      if (bit === undefined) return null;
      bits |= bit;
    }
    return bits;
  }
}
