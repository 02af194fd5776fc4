// Where each activity runs. Container work (the setup image, the Lab, the test runs and the
// clean-up of their containers) goes to the Lab task queue when one is set, so Lab machines
// with Docker engines of their own can take it. The rest reads or writes the target
// repository, or asks the reviewer, and stays with Prime. This list is the only one: the
// workflow's proxies, a Lab worker's registrations and its start-up line are read from it.
// Pure, so the workflow can import it.

/** The activities a Lab worker runs, and the only ones the workflow sends to the Lab task queue. */
export const LAB_ACTIVITIES = ['setupImage', 'prepareLab', 'spawnLab', 'runTests', 'mutationTests', 'cleanupGeneration'] as const;

export type LabActivity = (typeof LAB_ACTIVITIES)[number];

export const runsOnLab = (activity: string): activity is LabActivity => (LAB_ACTIVITIES as readonly string[]).includes(activity);
