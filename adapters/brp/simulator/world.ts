/**
 * The stand-in's view of the synthetic municipality: the inhabitants plus the indexes the BRP
 * answers need (who lives where, whose children, who holds gezag over whom).
 *
 * The indexes are rebuilt lazily after a change, so a test can call `setInhabitant` many times
 * and pay for one rebuild at the next request.
 */
import type { Address, Inhabitant, Municipality, PartialDate } from '../../../municipality/types';

export class World {
  readonly gemeenteCode: string;
  readonly gemeenteNaam: string;
  private readonly inhabitants = new Map<string, Inhabitant>();
  private readonly addresses = new Map<string, Address>();
  private readonly overlijden = new Map<string, PartialDate>();
  private index: {
    byAdresseerbaarObject: Map<string, Inhabitant[]>;
    childrenOf: Map<string, Inhabitant[]>;
    gezagHeldBy: Map<string, Inhabitant[]>;
  } | null = null;

  constructor(municipality: Municipality) {
    this.gemeenteCode = municipality.gemeenteCode;
    this.gemeenteNaam = municipality.gemeenteNaam;
    for (const address of municipality.addresses) this.addresses.set(address.adresseerbaarObjectId, address);
    for (const inhabitant of municipality.inhabitants) this.inhabitants.set(inhabitant.bsn, inhabitant);
  }

  setInhabitant(inhabitant: Inhabitant): void {
    this.inhabitants.set(inhabitant.bsn, inhabitant);
    this.index = null;
  }

  setOverlijden(bsn: string, datum: PartialDate | undefined): void {
    if (datum) this.overlijden.set(bsn, datum);
    else this.overlijden.delete(bsn);
  }

  inhabitant(bsn: string): Inhabitant | undefined {
    return this.inhabitants.get(bsn);
  }

  address(adresseerbaarObjectId: string): Address | undefined {
    return this.addresses.get(adresseerbaarObjectId);
  }

  /** The death date when the person has died (possibly entirely unknown: `{}`). */
  overlijdensdatum(bsn: string): PartialDate | undefined {
    return this.overlijden.get(bsn);
  }

  all(): Iterable<Inhabitant> {
    return this.inhabitants.values();
  }

  livingAt(adresseerbaarObjectId: string): Inhabitant[] {
    return this.indexes().byAdresseerbaarObject.get(adresseerbaarObjectId) ?? [];
  }

  childrenOf(bsn: string): Inhabitant[] {
    return this.indexes().childrenOf.get(bsn) ?? [];
  }

  /** Minors over whom `bsn` holds gezag (as parent or as voogd). */
  gezagHeldBy(bsn: string): Inhabitant[] {
    return this.indexes().gezagHeldBy.get(bsn) ?? [];
  }

  private indexes(): NonNullable<World['index']> {
    if (this.index) return this.index;
    const byAdresseerbaarObject = new Map<string, Inhabitant[]>();
    const childrenOf = new Map<string, Inhabitant[]>();
    const gezagHeldBy = new Map<string, Inhabitant[]>();
    const push = (map: Map<string, Inhabitant[]>, key: string, value: Inhabitant): void => {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    };
    for (const inhabitant of this.inhabitants.values()) {
      push(byAdresseerbaarObject, inhabitant.adresseerbaarObjectId, inhabitant);
      for (const ouder of inhabitant.ouders) push(childrenOf, ouder, inhabitant);
      for (const holder of new Set(inhabitant.gezag?.ouders ?? [])) push(gezagHeldBy, holder, inhabitant);
    }
    this.index = { byAdresseerbaarObject, childrenOf, gezagHeldBy };
    return this.index;
  }
}
