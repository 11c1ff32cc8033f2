/** The groups of the intent and HTTP measurements, shared by the data script and the suite. */

/** The small (demo-sized) groups, loaded with intents and note edits. */
export const smallGroupId = (index: number) => `intents-${index}`;

/** The large group, whose decisions are measured beside the small ones. */
export const bigGroupId = 'intents-big';

/** Who orders and proposes in every group: the demo owner, signed in with the bench password. */
export const ownerEmail = 'olivia.owner@acme.example';
export const adminEmail = 'alex.admin@acme.example';

/** Seats bought in each small group: room for every intent a run proposes. */
export const smallGroupSeats = 5_000;
