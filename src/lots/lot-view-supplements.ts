import { Injectable } from '@nestjs/common';
import type { LotReportingFlags } from './dto/lot.dto.js';
import type { Lot } from './lot.entity.js';

/** Read-only parts of GET /lots/{id} that feature modules supply, by field of the view. */
export interface LotViewSupplements {
  /** Overdue reports and under-target indicators (src/reporting); null before an agreement. */
  reporting: LotReportingFlags | null;
}

type Supplier<K extends keyof LotViewSupplements> = (lot: Lot) => Promise<LotViewSupplements[K]>;

/**
 * Who supplies which part of a lot's view. A feature module registers its supplier when it
 * starts (onModuleInit), so the lots module reads no feature's tables; a field nobody supplies
 * is left out of the view.
 */
@Injectable()
export class LotViewSuppliers {
  private readonly suppliers = new Map<keyof LotViewSupplements, Supplier<never>>();

  register<K extends keyof LotViewSupplements>(field: K, supplier: Supplier<K>): void {
    if (this.suppliers.has(field)) throw new Error(`Two suppliers of the lot view's ${field}`);
    this.suppliers.set(field, supplier as Supplier<never>);
  }

  async supplementsOf(lot: Lot): Promise<Partial<LotViewSupplements>> {
    const supplements: Partial<Record<keyof LotViewSupplements, unknown>> = {};
    for (const [field, supplier] of this.suppliers) supplements[field] = await supplier(lot);
    return supplements as Partial<LotViewSupplements>;
  }
}
