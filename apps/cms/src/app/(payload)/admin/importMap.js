import { ReviewNavLinks as ReviewNavLinks_18b84b6bc334138037e36c89e66214c2 } from '../../../components/ReviewNavLinks'
import { ReviewQueueSummary as ReviewQueueSummary_c9742825ea2c379aa9529144f557e5ea } from '../../../components/ReviewQueueSummary'
import { ReviewQueueView as ReviewQueueView_dd633564f0a13145322aec195e51febb } from '../../../components/ReviewQueueView'
import { ImportView as ImportView_e0914430343acda479f6798b2a6c428e } from '../../../components/ImportView'
import { UnmetSearchesView as UnmetSearchesView_faf2f18cec6a377398f3b78c9c6d6029 } from '../../../components/UnmetSearchesView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/components/ReviewNavLinks#ReviewNavLinks": ReviewNavLinks_18b84b6bc334138037e36c89e66214c2,
  "/components/ReviewQueueSummary#ReviewQueueSummary": ReviewQueueSummary_c9742825ea2c379aa9529144f557e5ea,
  "/components/ReviewQueueView#ReviewQueueView": ReviewQueueView_dd633564f0a13145322aec195e51febb,
  "/components/ImportView#ImportView": ImportView_e0914430343acda479f6798b2a6c428e,
  "/components/UnmetSearchesView#UnmetSearchesView": UnmetSearchesView_faf2f18cec6a377398f3b78c9c6d6029,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
