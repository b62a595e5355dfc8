/**
 * Adding a municipality by its name: few people know INEGI's codes. A text box whose suggestions are the catalog's
 * municipalities in the activity's states (all of them when it has none); picking one adds its code to the cell.
 * The suggestions are put in the page only while the box has focus: a plan of many rows keeps one list, not hundreds.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { municipalitiesIn, municipalityPlace } from '../../shared/municipalities.js';
import { foldText } from '../../shared/textFold.js';

interface Props {
  id: string;
  /** The codes cell's own label ("Municipios (INEGI), actividad 3"). */
  cellLabel: string;
  states: string[];
  onPick: (code: string) => void;
}

/** "Tapachula, Chiapas (07089)": what the list shows and what the box holds once one is picked. */
const choiceText = (c: { code: string; name: string }) => `${municipalityPlace(c.code, c.name)} (${c.code})`;

/** The box under a municipality cell that adds a code by the municipality's name. */
export function MunicipalityPicker({ id, cellLabel, states, onPick }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const statesKey = states.join(',');
  const choices = useMemo(() => (open ? municipalitiesIn(statesKey ? statesKey.split(',') : []) : []), [open, statesKey]);
  const listId = `${id}-list`;
  const problemId = `${id}-problem`;

  const pick = (code: string) => {
    onPick(code);
    setText('');
    setProblem(null);
  };

  /** Enter on a typed name: the one municipality of that name here is added; several or none are said. */
  const resolveTyped = () => {
    const typed = foldText(text.trim());
    if (!typed) return;
    const exact = choices.find((c) => foldText(choiceText(c)) === typed);
    if (exact) return pick(exact.code);
    const named = choices.filter((c) => foldText(c.name) === typed);
    if (named.length === 1) return pick(named[0].code);
    if (named.length > 1) setProblem(t('activities.municipalityAmbiguous', { name: text.trim(), choices: named.map(choiceText).join('; ') }));
    else setProblem(t(statesKey ? 'activities.municipalityNotInStates' : 'activities.municipalityNotFound', { name: text.trim() }));
  };

  return (
    <>
      <input
        id={id}
        type="text"
        className="municipality-picker"
        list={open ? listId : undefined}
        value={text}
        placeholder={t('activities.addMunicipalityPlaceholder')}
        aria-label={t('activities.addMunicipality', { cell: cellLabel })}
        aria-invalid={problem !== null}
        aria-describedby={problem ? problemId : undefined}
        autoComplete="off"
        data-testid="municipality-picker"
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setProblem(null);
        }}
        onChange={(e) => {
          const next = e.target.value;
          setProblem(null);
          // Picking a suggestion puts its whole text in the box: that is the choice.
          const chosen = choices.find((c) => choiceText(c) === next);
          if (chosen) pick(chosen.code);
          else setText(next);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          resolveTyped();
        }}
      />
      {open && (
        <datalist id={listId}>
          {choices.map((c) => (
            <option key={c.code} value={choiceText(c)} />
          ))}
        </datalist>
      )}
      {problem && (
        <span id={problemId} className="field-error" role="alert">
          {problem}
        </span>
      )}
    </>
  );
}
