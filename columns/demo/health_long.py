"""The two long Body Check answers, in Markdown."""

# Prose is kept one paragraph per line, as columnists type it.
# ruff: noqa: E501

WHEN_SEX_HURTS = """\
Dear Gritting My Teeth,

I'm sorry you were told to relax and have a glass of wine. Pain like you describe is real, it's common, it has names, and it can very often be helped. You're not broken, and you deserve a clinician who takes you seriously.

## What you're describing has a name (or several)

Pain during or after sex is called *dyspareunia*. That's a description rather than a diagnosis: the job is to find out why it happens. Pain at the entrance of the vagina whenever anything tries to go in, including tampons and the speculum at a screening test, points in some particular directions:

- **Vaginismus:** the muscles around the vaginal opening tighten involuntarily when penetration is expected or attempted. You're not choosing it, and it isn't "just nerves", although anxiety and pain can feed each other in a loop.
- **Vulvodynia** (called *vestibulodynia* when it's at the entrance): ongoing pain or burning in the vulva without an obvious cause such as an infection. The nerves in the area have become over-sensitive.
- **Other causes** that a clinician will want to rule out, including:
  - infections such as thrush or herpes;
  - skin conditions such as lichen sclerosus;
  - dryness, for example with some hormonal contraception or while breastfeeding;
  - less commonly, differences in anatomy that have been there since birth.

These often overlap. Plenty of people have both some nerve sensitivity and some muscle guarding, because the body learns to brace against pain it expects.

> The pelvic floor is a group of muscles like any other. If it has learned to brace whenever something approaches, it can learn to let go: slowly, with the right guidance, and never by forcing it.
>
> — Marguerite Dubois-Achebe, specialist pelvic health physiotherapist

## Why "just relax" isn't advice

Telling someone with vaginismus to relax is like telling someone with a sprained ankle to walk normally. The tension isn't voluntary. A glass of wine might dull the worry for an evening, but it doesn't treat anything, and pushing through pain can teach the body to expect more pain next time.[^1]

## Getting a better appointment

You're entitled to ask to see a different GP, or to go to a sexual-health clinic, where staff hear about painful sex every week. Before you go:

- [ ] Write down when the pain started (always, or after something in particular?), exactly where it is and what it feels like: burning, sharp, aching, tearing.
- [ ] Note what sets it off: sex, tampons, examinations, tight clothes, cycling.
- [ ] List anything you've tried and whether it helped.
- [ ] Decide whether you're comfortable being examined at this appointment. You can say no, ask to stop at any point, ask for a smaller speculum or ask to insert it yourself.
- [ ] Ask directly: "Could this be vaginismus or vulvodynia? Can I be referred to a pelvic health physiotherapist, a gynaecologist or a psychosexual therapist?"

If the pain is new, or comes with bleeding after sex, unusual discharge or a fever, don't wait for a routine appointment: see a GP or a sexual-health clinic promptly.

If your concerns are brushed aside again, it's reasonable to ask for a second opinion. Pain that keeps happening deserves to be investigated.

## What treatment can look like

Treatment depends on the cause and often combines several approaches:

| Approach | What it involves | Who offers it |
|---|---|---|
| Pelvic health physiotherapy | Learning to relax the pelvic floor, with breathing exercises and sometimes gentle internal work | Specialist physiotherapists |
| Graded dilators | Smooth inserts in gradually larger sizes, used at your own pace at home | Usually guided by a physio or clinic |
| Psychosexual therapy | Working on the fear–pain loop, and on sex that isn't built around penetration | Psychosexual therapists |
| Medication | Treating infections or skin conditions; sometimes creams or nerve-calming medicine for vulvodynia | GP, gynaecologist, clinic |
| Lubricant and time | More arousal before anything goes in, and plenty of lube | You! |

> Most of the people I see have had pain for years before anyone named it. When they finally hear "this is a recognised condition and we can work on it", the relief alone often changes things.
>
> — Dr Kwabena Osei-Lindqvist, consultant gynaecologist

Progress with dilators or physiotherapy is usually measured in weeks and months rather than days, and that's normal. Go at your own pace; the aim is comfort, not a deadline.

## Meanwhile, your sex life isn't on hold

Your boyfriend said you don't have to have "proper" sex. I'd gently push back on the phrase, though not on his kindness: sex without penetration *is* proper sex. Kissing, touching, oral sex, toys used on the outside, masturbating together: none of these is a consolation prize. Many couples find that taking penetration off the table for a while makes everything else more relaxed, and that helps healing too.

Some ideas to talk over together:

- Agree that penetration is paused while you get help. Saying it out loud removes the background pressure.
- Make a list together of what feels good now, and do more of it.
- If and when you try penetration again, you lead: your pace, your choice of position, your decision to stop.
  - A position where you control depth and speed, such as being on top, helps many people.
  - Stop at the first sign of pain, not the third.

## About the fear that he'll leave

I can't promise anything about your boyfriend. I can tell you that the relationships that struggle most with painful sex are usually the ones where nobody talks about it. You're talking. He's being kind. Tell him what you've told me, including the fear: it's lighter when it's shared.

## Further reading

- [NHS website](https://www.nhs.uk/): search for "vaginismus" and "vulvodynia" for overviews of symptoms and treatment.
- [Planned Parenthood](https://www.plannedparenthood.org/): plain-language information on sexual health.
- [World Health Organization](https://www.who.int/): sexual and reproductive health worldwide.

You've put up with this for a long time. You don't have to any more.

Priya

[^1]: Pain and the fear of pain reinforce each other: expecting pain makes the muscles tense, and tense muscles make pain more likely. Breaking that loop, rather than pushing through it, is what most treatments aim for.
"""

STI_TEST_STEP_BY_STEP = """\
Dear Putting It Off,

Thank you for writing before you went rather than not going at all. And to the reader who wrote "I'm too scared to book": this is for you too.

Here's the short version. A routine STI check is usually quick, often involves no examination at all, and is confidential. Most of the fear comes from not knowing what happens in the room, so let's walk through it.

## Booking

In the UK, sexual-health clinics are free, and you don't need a referral from your GP. Many take online bookings, some have walk-in sessions, and in many areas you can order a free testing kit online and do it at home. Other countries organise things differently, so if you're elsewhere, check what your local services offer.

If you have symptoms (pain when peeing, unusual discharge, sores, lumps, bleeding after sex), say so when you book: you may be seen sooner, and the clinic will want to examine you.

## The conversation

A nurse, doctor or health adviser will ask you some questions first. They can feel personal, but there's a reason for each one:

- **When you last had sex**, so they know which tests will be reliable yet.
- **The genders of your partners and the kinds of sex you've had** (oral, vaginal, anal), because that decides which samples to take from where.
- **Whether you used condoms**, and whether you have any symptoms.
- **Contraception and whether you could be pregnant**, where that applies.

> We're not there to judge anything you tell us; we've heard it all, usually before lunch. The more accurately you answer, the fewer tests you need and the more we can trust the results.
>
> — Femi Adeyemi-Clarke, senior health adviser at a sexual-health clinic

## The tests themselves

For most people without symptoms, a full check is some combination of these:

1. **Chlamydia and gonorrhoea:** a urine sample, or a swab you usually take yourself, in private.
   - If you have a vagina, it's usually a self-taken vaginal swab, a bit like inserting a small cotton bud.
   - If you've had oral or anal sex, you may be offered throat or rectal swabs too, often also self-taken.
2. **HIV and syphilis:** a blood test, either from your arm or a finger-prick.
3. **Hepatitis B or C:** sometimes offered, depending on your history and vaccination status.

An examination is usually only needed if you have symptoms. Even then you can ask questions, ask for a chaperone, ask to pause, or say no. Nobody will swab anywhere without telling you first.

## When a test can tell you something

Infections take a while to show up in tests. This gap is called the *window period*:

| Infection | Usual test | Reliable from about |
|---|---|---|
| Chlamydia | Urine or swab | 2 weeks after sex |
| Gonorrhoea | Urine or swab | 2 weeks after sex |
| Syphilis | Blood | 4 to 12 weeks (you may be offered a repeat test) |
| HIV | Blood | 45 days for a standard lab test; longer for some rapid tests |
| Hepatitis B | Blood | Up to 3 months |

These are typical figures, not rules.[^1] The clinic will tell you what applies to you, and may test you now and again later. One exception is urgent: if you might have been exposed to HIV in the last 72 hours, go to a sexual-health clinic or an emergency department straight away and ask about PEP, a course of medicine that can stop an infection taking hold.

## Who finds out

In the UK, sexual-health clinics are confidential. They don't tell your GP without your permission, and they don't tell your parents. If you're under 16, clinics still keep things confidential unless they're worried that you or someone else is at serious risk of harm, and they'll explain what that means before you start. Rules elsewhere can differ, so ask when you book if you're unsure.

## Results and treatment

Results usually come by text or phone call; some come back within days, others take a week or two. If something is positive:

- Chlamydia is usually treated with a short course of antibiotics.
- Gonorrhoea is usually treated with an injection, and you'll be asked back for a test to make sure it has gone.
- Other infections have their own treatments, and the clinic will talk you through them.

The clinic can also help you tell partners, including by contacting them anonymously on your behalf. You'll be asked not to have sex until you and your partners have finished treatment.

## Before you go

- [ ] Work out roughly when you last had sex, and with how many partners since your last test (or ever, if you've never had one).
- [ ] Check your booking information: some clinics ask you not to pee for an hour or so before a urine test.
- [ ] Write down any questions so you don't forget them in the room.
- [ ] Bring headphones for the waiting room, or a friend if that helps.
- [ ] Put a reminder in your phone to test again with each new partner, or once a year if things stay the same.

## Further reading

- [NHS website](https://www.nhs.uk/): find a sexual-health clinic and read about each infection.
- [Brook](https://www.brook.org.uk/): sexual-health services and advice for under-25s.
- [CDC](https://www.cdc.gov/): information on STIs and testing in the United States.
- [World Health Organization](https://www.who.int/): STIs around the world.

Book it this week. The fear of the appointment is nearly always worse than the appointment.

Priya

[^1]: Window periods depend on the exact test a laboratory uses, and guidance is updated from time to time. If a clinic tells you something different from this table, follow the clinic.
"""
