// Every class's forms and controls, in one list each.
import * as blindNewFunctions from './blindNewFunctions';
import * as blindRound3 from './blindRound3';
import * as blindRound4 from './blindRound4';
import * as blindRound5 from './blindRound5';
import * as blindRound6 from './blindRound6';
import * as blindRound7 from './blindRound7';
import * as blindRound8Go from './blindRound8Go';
import * as blindRound8Js from './blindRound8Js';
import * as blindRound8Py from './blindRound8Py';
import * as blindRound9Go from './blindRound9Go';
import * as blindRound9Js from './blindRound9Js';
import * as blindRound9Py from './blindRound9Py';
import * as blindRound10Go from './blindRound10Go';
import * as blindRound10Js from './blindRound10Js';
import * as blindRound10Py from './blindRound10Py';
import * as blindRound11Go from './blindRound11Go';
import * as blindRound11Js from './blindRound11Js';
import * as blindRound11Py from './blindRound11Py';
import * as blindRound12Go from './blindRound12Go';
import * as blindRound12Js from './blindRound12Js';
import * as blindRound12Py from './blindRound12Py';
import * as blindRound13Js from './blindRound13Js';
import * as blindRound13Py from './blindRound13Py';
import * as blindToolOutputs from './blindToolOutputs';
import * as evaluationSurface from './evaluationSurface';
import * as judgeTampering from './judgeTampering';
import * as mutationSidestep from './mutationSidestep';
import * as runsByItself from './runsByItself';
import * as specialCasing from './specialCasing';
import type { HonestControl, HostileForm } from './types';
import * as underTestOnly from './underTestOnly';
import * as underTestOnlyMore from './underTestOnlyMore';
import * as weakAssertions from './weakAssertions';

const classes = [judgeTampering, underTestOnly, underTestOnlyMore, specialCasing, mutationSidestep, runsByItself, evaluationSurface, weakAssertions, blindNewFunctions, blindToolOutputs, blindRound3, blindRound4, blindRound5, blindRound6, blindRound7, blindRound8Js, blindRound8Py, blindRound8Go, blindRound9Js, blindRound9Py, blindRound9Go, blindRound10Js, blindRound10Py, blindRound10Go, blindRound11Js, blindRound11Py, blindRound11Go, blindRound12Js, blindRound12Py, blindRound12Go, blindRound13Js, blindRound13Py];

export const ALL_FORMS: HostileForm[] = classes.flatMap((c) => c.FORMS);
export const ALL_CONTROLS: HonestControl[] = classes.flatMap((c) => c.CONTROLS);
