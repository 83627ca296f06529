import type { ReleaseTag } from '../../workflows/index.js';

/**
 * The part of the OCDS 1.1 release schema (with the lots and bids extensions) that this service
 * publishes. Optional fields are left out rather than sent as null: in a release, null means
 * "remove this field" when releases are merged.
 */

export interface Value {
  /** In major units of the currency (som, tenge, hryvnia), as OCDS wants it. */
  amount: number;
  currency: string;
}

export interface Period {
  startDate?: string;
  endDate?: string;
}

export interface OrganizationReference {
  id: string;
  name: string;
}

export type PartyRole = 'buyer' | 'procuringEntity' | 'supplier' | 'tenderer' | 'payer' | 'payee';

export interface Organization extends OrganizationReference {
  identifier?: { id: string; legalName: string };
  address?: { countryName: string };
  roles: PartyRole[];
}

export type DocumentType =
  | 'hearingNotice'
  | 'tenderNotice'
  | 'evaluationReports'
  | 'completionCertificate'
  | 'cancellationDetails';

export interface Document {
  id: string;
  documentType?: DocumentType;
  title?: string;
  description?: string;
  url?: string;
  datePublished?: string;
  dateModified?: string;
  relatedLots?: string[];
}

export type MilestoneType = 'engagement' | 'assessment' | 'reporting' | 'payment';
export type MilestoneStatus = 'scheduled' | 'met' | 'notMet';

export interface Milestone {
  id: string;
  title?: string;
  type: MilestoneType;
  code?: string;
  description?: string;
  dueDate?: string;
  dateMet?: string;
  dateModified?: string;
  status: MilestoneStatus;
  documents?: Document[];
  relatedLots?: string[];
}

export interface Budget {
  id: string;
  description: string;
  amount: Value;
  project: string;
  projectID: string;
}

export interface Planning {
  rationale?: string;
  budget: Budget;
  documents?: Document[];
  milestones?: Milestone[];
}

export type TenderStatus = 'planning' | 'active' | 'cancelled' | 'unsuccessful' | 'complete';

export interface Lot {
  id: string;
  title: string;
  description?: string;
  status: TenderStatus;
  value: Value;
}

export interface Item {
  id: string;
  description: string;
  quantity: number;
  unit: { name: string; value: Value };
  relatedLot: string;
}

export interface Amendment {
  id: string;
  date: string;
  rationale?: string;
  description: string;
}

export interface Tender {
  id: string;
  title: string;
  description?: string;
  status: TenderStatus;
  procuringEntity: OrganizationReference;
  value: Value;
  procurementMethod: 'open';
  procurementMethodDetails: string;
  mainProcurementCategory: 'services';
  awardCriteria?: 'ratedCriteria';
  awardCriteriaDetails?: string;
  submissionMethod?: ['electronicSubmission'];
  eligibilityCriteria?: string;
  tenderPeriod?: Period;
  enquiryPeriod?: Period;
  hasEnquiries?: boolean;
  numberOfTenderers?: number;
  tenderers?: OrganizationReference[];
  items?: Item[];
  documents?: Document[];
  milestones?: Milestone[];
  amendments?: Amendment[];
  lots: Lot[];
}

export type BidStatus = 'pending' | 'valid' | 'disqualified';

export interface Bid {
  id: string;
  date: string;
  status: BidStatus;
  tenderers: OrganizationReference[];
  relatedLots: string[];
}

export type BidMeasure = 'bids' | 'validBids' | 'disqualifiedBidders';

export interface BidStatistic {
  id: string;
  measure: BidMeasure;
  value: number;
  relatedLot: string;
}

export interface Bids {
  statistics: BidStatistic[];
  details: Bid[];
}

export type AwardStatus = 'pending' | 'active' | 'cancelled' | 'unsuccessful';

export interface Award {
  id: string;
  description?: string;
  status: AwardStatus;
  date: string;
  value: Value;
  suppliers: OrganizationReference[];
  relatedLots: string[];
  relatedBid: string;
}

export interface Transaction {
  id: string;
  date: string;
  value: Value;
  payer: OrganizationReference;
  payee: OrganizationReference;
}

export interface Implementation {
  milestones?: Milestone[];
  transactions?: Transaction[];
  documents?: Document[];
}

export type ContractStatus = 'pending' | 'active' | 'cancelled' | 'terminated';

export interface Contract {
  id: string;
  awardID: string;
  status: ContractStatus;
  period?: Period;
  value: Value;
  dateSigned?: string;
  implementation?: Implementation;
}

export interface RelatedProcess {
  id: string;
  relationship: ['unsuccessfulProcess'];
  title: string;
  scheme: 'ocid';
  identifier: string;
  uri?: string;
}

export interface Release {
  ocid: string;
  id: string;
  date: string;
  tag: ReleaseTag[];
  initiationType: 'tender';
  language: string;
  parties: Organization[];
  buyer: OrganizationReference;
  planning: Planning;
  tender: Tender;
  bids?: Bids;
  awards?: Award[];
  contracts?: Contract[];
  relatedProcesses?: RelatedProcess[];
}
