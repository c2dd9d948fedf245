import type { OutcomeInstrument } from '../common/vocabulary';

export interface Questionnaire {
  title: string;
  intro: string;
  items: string[];
  choices: { value: string; text: string }[];
}

const scale = (from: number, to: number, ends: [string, string]) =>
  Array.from({ length: to - from + 1 }, (_, i) => {
    const v = from + i;
    const end = v === from ? ` – ${ends[0]}` : v === to ? ` – ${ends[1]}` : '';
    return { value: String(v), text: `${v}${end}` };
  });

/** The questions as the person is asked them, in scoring order. */
export const QUESTIONNAIRES: Record<OutcomeInstrument, Questionnaire> = {
  SWEMWBS: {
    title: 'Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)',
    intro: 'Tick the box that best describes your experience of each over the last 2 weeks.',
    items: [
      "I've been feeling optimistic about the future",
      "I've been feeling useful",
      "I've been feeling relaxed",
      "I've been dealing with problems well",
      "I've been thinking clearly",
      "I've been feeling close to other people",
      "I've been able to make up my own mind about things",
    ],
    choices: [
      { value: '1', text: 'None of the time' },
      { value: '2', text: 'Rarely' },
      { value: '3', text: 'Some of the time' },
      { value: '4', text: 'Often' },
      { value: '5', text: 'All of the time' },
    ],
  },
  ONS4: {
    title: 'ONS personal wellbeing (ONS4)',
    intro: 'Answer each on a scale from 0 to 10.',
    items: [
      'Overall, how satisfied are you with your life nowadays?',
      'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
      'Overall, how happy did you feel yesterday?',
      'Overall, how anxious did you feel yesterday?',
    ],
    choices: scale(0, 10, ['not at all', 'completely']),
  },
  UCLA3: {
    title: 'UCLA 3-item loneliness scale',
    intro: 'How often do you feel…',
    items: ['that you lack companionship?', 'left out?', 'isolated from others?'],
    choices: [
      { value: '1', text: 'Hardly ever' },
      { value: '2', text: 'Some of the time' },
      { value: '3', text: 'Often' },
    ],
  },
};
