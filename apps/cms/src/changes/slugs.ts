export const MAP_CHANGES = 'map-changes' as const
export const MAP_CELL_DATES = 'map-cell-dates' as const
