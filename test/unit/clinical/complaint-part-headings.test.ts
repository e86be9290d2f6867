import { describe, expect, it } from 'vitest';
import { draftOf, sectionOf } from './draft-helpers.js';

const ccOf = (lines: string[]) => sectionOf(draftOf(lines), /^CHIEF COMPLAINT$/);
/** The A&P's problem headings: its lines that are not bulleted items. */
const headingsOf = (lines: string[]) =>
  sectionOf(draftOf(lines), /^ASSESSMENT AND PLAN$/).filter((l) => !/^[•-]/.test(l) && !/:/.test(l));

describe('chief complaint: the part the patient came with, not the diagnosis made of it', () => {
  it('an injured part with pain is the complaint, with its side, rather than the diagnosis', () => {
    const visit = [
      '[doctor] what can i do for you?',
      '[patient] i tripped on the stairs and rolled my left ankle. it is really painful.',
      "[doctor] okay. let's look at the x-ray. your x-ray shows a fracture of the distal fibula.",
      "[doctor] we're going to put you in a boot and you'll use crutches.",
      '[patient] alright.',
    ];
    expect(ccOf(visit)).toEqual(['Left ankle pain.']);
  });

  it('a bare diagnosis is not the complaint: the part the patient hurt is', () => {
    const visit = [
      '[doctor] what brings you in?',
      '[patient] i rolled my right ankle playing tennis this morning.',
      "[doctor] the x-ray doesn't show a fracture. it's a sprain.",
    ];
    expect(ccOf(visit)).toEqual(['Right ankle injury.']);
    // The HPI opens on it too.
    expect(sectionOf(draftOf(visit), /^HISTORY OF PRESENT ILLNESS$/)[0]).toMatch(
      /presents with a right ankle injury\./,
    );
  });

  it('pain and swelling said together at the part are both the complaint', () => {
    const visit = [
      '[doctor] hi, what brings you in?',
      "[patient] i twisted my right knee at basketball and now it's swollen and it hurts.",
      '[doctor] on exam the right knee is swollen and tender on the inside.',
      "[doctor] i think you have a sprain of the medial collateral ligament. we'll get you a brace.",
    ];
    expect(ccOf(visit)).toEqual(['Right knee pain and swelling.']);
  });

  it('both parts said together are bilateral', () => {
    const visit = [
      '[doctor] what brings you in?',
      '[patient] both of my wrists hurt when i type.',
      "[doctor] i think you have tendinitis. we'll try wrist splints at night.",
    ];
    expect(ccOf(visit)).toEqual(['Bilateral wrist pain.']);
  });

  it('a part hurt in the past or no longer painful is not the complaint', () => {
    const past = [
      '[doctor] what brings you in?',
      '[patient] i broke my left wrist years ago and it used to hurt.',
      "[doctor] okay, and today? it's a sprain from your fall i think.",
    ];
    expect(ccOf(past)).not.toContain('Left wrist pain.');
    const better = [
      '[doctor] how is the arm?',
      "[patient] my arm is all better. it doesn't hurt at all anymore.",
      "[doctor] good. we'll keep going with your osteoporosis medicine.",
    ];
    expect(ccOf(better)).not.toContain('Arm pain.');
  });

  it('a part named near a needle or tool the patient jammed is not an injury of the part', () => {
    const visit = [
      '[doctor] what happened?',
      '[patient] i jammed a needle into my right hand while drawing blood.',
      "[doctor] we'll check your labs for exposure.",
    ];
    expect(ccOf(visit)).not.toContain('Right hand injury.');
  });
});

describe('A&P headings keep the site, side and structure the doctor named', () => {
  it('a sprain of a named ligament heads with its joint and side', () => {
    const visit = [
      '[doctor] hi, what brings you in?',
      "[patient] i twisted my right knee at basketball and now it's swollen and it hurts.",
      '[doctor] on exam the right knee is swollen and tender on the inside.',
      "[doctor] i think you have a sprain of the medial collateral ligament. we'll get you a brace.",
    ];
    expect(headingsOf(visit)[0]).toBe('Right knee medial collateral ligament sprain.');
  });

  it('an injury of a named structure, said with a run-on after it, heads with its joint and side', () => {
    const visit = [
      '[doctor] what happened?',
      '[patient] i fell on my left knee at work and it hurts.',
      "[doctor] on exam there's laxity of the left knee.",
      "[doctor] i think you have a strain of your posterior cruciate ligament what that means is we'll keep your left knee in a brace.",
    ];
    expect(headingsOf(visit)[0]).toBe('Left knee posterior cruciate ligament strain.');
  });

  it('a sited injury said without its side takes the one side the visit names', () => {
    const visit = [
      '[doctor] so i hear you hurt your right ankle.',
      '[patient] yeah, i stepped off a curb wrong yesterday.',
      "[doctor] on exam there's swelling over the outside of the right ankle. x-rays show no fracture.",
      '[doctor] this is an ankle sprain. ice, elevation and a brace.',
    ];
    expect(headingsOf(visit)).toContain('Right ankle sprain.');
  });

  it('a bare injury takes the part the patient opened with', () => {
    const visit = [
      '[doctor] what brings you in?',
      '[patient] i rolled my right ankle running yesterday.',
      "[doctor] the x-ray shows no fracture. it's a sprain.",
    ];
    expect(headingsOf(visit)).toContain('Right ankle sprain.');
  });

  it('"possibly" hedges the diagnosis once, without its own word in the heading', () => {
    const visit = [
      '[doctor] what brings you in today?',
      '[patient] my right shoulder hurts when i reach overhead.',
      "[doctor] it's possibly a rotator cuff tear. we'll get an mri of the right shoulder.",
    ];
    expect(headingsOf(visit)[0]).toBe('Possible rotator cuff tear.');
  });
});

describe('chief complaint: what the visit is for, as a clinician heads it', () => {
  it('two complaints the patient names together are both the complaint', () => {
    const visit = [
      '[doctor] what brings you in today?',
      "[patient] i've had a sore throat and a headache since sunday.",
      '[doctor] your throat is red without exudate. this looks like a viral pharyngitis.',
    ];
    expect(ccOf(visit)).toEqual(['Sore throat and headache.']);
  });

  it('two sited complaints together open the HPI as well', () => {
    const visit = [
      '[doctor] what brings you in today?',
      '[patient] i have left hip pain and right knee pain for a month.',
      '[doctor] okay, let me take a look.',
    ];
    const cc = ccOf(visit)[0]!.replace(/\.$/, '').toLowerCase();
    expect(cc.split(' ').length).toBeGreaterThan(5);
    expect(sectionOf(draftOf(visit), /^HISTORY OF PRESENT ILLNESS$/)[0]).toMatch(new RegExp(`presents with ${cc}`));
  });

  it('a complaint the doctor screened for separately is not joined to the first', () => {
    const visit = [
      '[doctor] what brings you in today?',
      "[patient] i've had a sore throat since sunday.",
      '[doctor] any fever?',
      '[patient] a little fever last night.',
    ];
    expect(ccOf(visit)).toEqual(['Sore throat.']);
  });

  it("the patient's request for a refill is the complaint, not the chronic condition the drug treats", () => {
    const visit = [
      '[doctor] hi, how can i help you today?',
      "[patient] i just need a refill on my atorvastatin, i'm almost out.",
      '[doctor] okay. any muscle aches on it?',
      '[patient] no.',
      "[doctor] for your high cholesterol, we'll refill the atorvastatin 20 mg daily.",
    ];
    expect(ccOf(visit)).toEqual(['Medication refill.']);
  });

  it('the time of the visit is not part of the condition it follows up', () => {
    const visit = [
      "[doctor] good morning. so we're following up on your asthma today.",
      "[patient] yes, it's been pretty good.",
      "[doctor] great. we'll continue your inhaler.",
    ];
    expect(ccOf(visit)).toEqual(['Asthma follow-up.']);
  });

  it('a follow-up reason heads the A&P by its condition alone', () => {
    const visit = [
      "[doctor] so you're here to follow up on your hypothyroidism.",
      "[patient] yes, and i've also been really tired lately.",
      "[doctor] your tsh is normal. we'll keep the levothyroxine at 50 mcg.",
    ];
    expect(headingsOf(visit)[0]).toBe('Hypothyroidism.');
  });
});
