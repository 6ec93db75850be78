import { SuggestionsPanel as SuggestionsPanel_2b1f6418529f1c8ec051d1a1fd4b07cc } from '../../../components/SuggestionsPanel'
import { ReviewedNoChange as ReviewedNoChange_0443875ec649c1d03fd99395db6bcb1b } from '../../../components/ReviewedNoChange'
import { ReviewNavLinks as ReviewNavLinks_18b84b6bc334138037e36c89e66214c2 } from '../../../components/ReviewNavLinks'
import { ReviewQueueSummary as ReviewQueueSummary_c9742825ea2c379aa9529144f557e5ea } from '../../../components/ReviewQueueSummary'
import { ReviewQueueView as ReviewQueueView_dd633564f0a13145322aec195e51febb } from '../../../components/ReviewQueueView'
import { ImportView as ImportView_e0914430343acda479f6798b2a6c428e } from '../../../components/ImportView'
import { DueForReviewView as DueForReviewView_150a64a8fa387699c65765da37d19e43 } from '../../../components/DueForReviewView'
import { UnmetSearchesView as UnmetSearchesView_faf2f18cec6a377398f3b78c9c6d6029 } from '../../../components/UnmetSearchesView'
import { SuggestionsTriageView as SuggestionsTriageView_0f65d8f0d53aa84aaab7c5c4624d5cfa } from '../../../components/SuggestionsTriageView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  '/components/SuggestionsPanel#SuggestionsPanel':
    SuggestionsPanel_2b1f6418529f1c8ec051d1a1fd4b07cc,
  '/components/ReviewedNoChange#ReviewedNoChange':
    ReviewedNoChange_0443875ec649c1d03fd99395db6bcb1b,
  '/components/ReviewNavLinks#ReviewNavLinks': ReviewNavLinks_18b84b6bc334138037e36c89e66214c2,
  '/components/ReviewQueueSummary#ReviewQueueSummary':
    ReviewQueueSummary_c9742825ea2c379aa9529144f557e5ea,
  '/components/ReviewQueueView#ReviewQueueView': ReviewQueueView_dd633564f0a13145322aec195e51febb,
  '/components/ImportView#ImportView': ImportView_e0914430343acda479f6798b2a6c428e,
  '/components/DueForReviewView#DueForReviewView':
    DueForReviewView_150a64a8fa387699c65765da37d19e43,
  '/components/UnmetSearchesView#UnmetSearchesView':
    UnmetSearchesView_faf2f18cec6a377398f3b78c9c6d6029,
  '/components/SuggestionsTriageView#SuggestionsTriageView':
    SuggestionsTriageView_0f65d8f0d53aa84aaab7c5c4624d5cfa,
  '@payloadcms/next/rsc#CollectionCards': CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1,
}
