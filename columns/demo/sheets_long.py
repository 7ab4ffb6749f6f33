"""The two long Between the Sheets answers, in Markdown."""

# Prose is kept one paragraph per line, as columnists type it.
# ruff: noqa: E501

ASKING_FOR_SOMETHING_NEW = """\
Dear Tongue-Tied,

First, the thing you most need to hear: wanting something new after six good years is not evidence that the last six years were bad. It's evidence that you feel safe enough with her to want more. Desire that grows inside a long relationship is a compliment to the relationship, and you're allowed to present it that way, because it's true.

(And to Curious in Cork, who sent almost the same letter from the other side of the Irish Sea: this one is for you too.)

## Why this feels so hard to say

Asking for something specific in bed is exposing in a way that few other requests are. You're not just asking for an activity; you're showing someone a bit of your inner life and handing them the power to react to it. The fear usually comes in three flavours:

- **Fear of hurting her:** "If I want something new, she'll hear *you're not enough*."
- **Fear of being judged:** "She'll think it's weird, or wonder where I got the idea."
- **Fear of the answer:** "What if she says no, and then it's always there between us?"

All three are reasonable. None of them is a reason to stay quiet for another year, because the silence has a cost of its own: you're already half-rehearsing this conversation every time you're in bed together, which means part of you isn't really there.

## Pick the moment: not in bed, not mid-row

The best time to raise a new idea is when you're both relaxed, connected and *not* about to have sex. In bed, the request lands as pressure ("do you mean now?"). During an argument, it lands as ammunition. On a walk with the dog, over a slow breakfast or lying on the sofa, it can land as what it is: a curious thought you want to share with your favourite person.

Some couples find these conversations easier side by side than face to face, in the car or on a walk, because there's less eye contact to manage. Others prefer to write it down first. There's no wrong channel, as long as there's time afterwards to talk.

## What to actually say

Lead with what's good, be specific about the idea, and give her the power to say no. Something like:

> "I love our sex life and I love us. There's something I've been curious about for a while and I've been too shy to say it. I'd like to try you being in charge, maybe tying my wrists, nothing heavy. You don't have to decide anything now, and no is completely fine. I just didn't want to keep it a secret from you."

Notice what that does. It's honest about the shyness, which is disarming. It names the thing clearly enough that she isn't left guessing. And it makes it explicitly safe to decline, which paradoxically makes a "yes" more likely, because nobody likes being cornered.

If saying it out loud feels impossible, try a *yes / no / maybe* list. You each fill one in privately (a long list of activities, each marked yes, no or maybe) and then compare only where you overlap. It turns one big confession into a shared game, and you may discover she has a list of her own. There are plenty of free versions online, or you can write your own together.

## If she says yes (or maybe)

Start smaller than you think you need to. "Tied up" covers a lot of ground, and your first go can be as simple as her holding your wrists down, or a soft scarf looped loosely and not knotted. Before you begin, agree on:

- [ ] **A stop word.** Something you'd never say by accident; "red" is the classic. "Yellow" can mean "slow down and check in".
- [ ] **A signal that needs no words**, in case you can't or don't want to speak: dropping something you're holding, or three taps.
- [ ] **What's on and off the table this time.** Just wrists? Blindfold or no blindfold?
- [ ] **How she'll check in.** A quick "still good?" is sexy, not a mood-killer.
- [ ] **Safety basics:** nothing around the neck, nothing tight enough to cause tingling, numbness or cold hands, and never leave someone who is tied up alone. If anything knots, keep blunt-ended safety scissors within reach.[^1]
- [ ] **A plan for afterwards:** a cuddle, a cup of tea, and a proper chat the next day about what you both liked.

That next-day chat matters more than people think. What worked? What felt silly? What would you change? It's where most couples discover whether this was a one-off curiosity or something they want more of, and it keeps the whole thing a joint project rather than your thing that she puts up with.

## If she says no

Thank her for listening, and mean it. A no to an activity is not a no to you. A few things worth remembering:

- Her no might really be "not like that". Ask, gently and once, whether there's a version she'd be curious about.
- Her no might change later, or it might not. Either is fine, so don't keep reopening it.
- What you were really asking for might be available in other ways. If the appeal is *her taking charge*, she might love that with no rope involved:
  - she could set the pace and the rules for one evening;
  - she could tell you exactly what to do, and you could follow instructions;
  - you could take turns planning a night for each other.

What isn't fine is sulking, pressuring or bringing it up every week until she gives in. Consent that has been worn down isn't consent.

## A word from a therapist

I asked a psychosexual therapist what she sees most often in couples in your position.

> Most couples I see aren't struggling because one person has a fantasy. They're struggling because they have never practised talking about sex at all, so the first conversation has to carry years of silence. Start with small talk about sex, like what you liked last time and what you'd like more of, and the big conversations get much easier.
>
> — Aoife Brennan-Carew, psychosexual and relationship therapist

That's worth taking seriously. If this conversation goes well, don't let it be the last one. Make "what would you like more of?" a normal question in your house, asked on ordinary days.

## What if it turns out to matter a lot?

Sometimes a fantasy turns out to matter a great deal to one partner and not at all to the other. That can be worked with, and a relationship therapist can help a couple find a middle ground that leaves nobody feeling unseen or pushed. Look for someone who is comfortable with kink and won't treat it as a symptom; it's perfectly fine to ask about that in a first call.

## Quick reference

| Step | What it looks like | Why it helps |
|---|---|---|
| Choose the moment | Relaxed, clothed, not mid-argument | Removes the pressure to act now |
| Lead with the good | "I love our sex life…" | Stops it sounding like a complaint |
| Be specific | "Tying my wrists, nothing heavy" | Nobody has to guess |
| Make no safe | "No is completely fine" | A real choice gets a real answer |
| Talk afterwards | A chat the next day | Turns one night into a shared project |

## Further reading

- [Scarleteen](https://www.scarleteen.com/): inclusive, plain-spoken sex education, with good material on communication and consent.
- [Relate](https://www.relate.org.uk/): relationship counselling in the UK, including sex therapy.
- [NHS website](https://www.nhs.uk/): general sexual health information and how to find services near you.

Good luck, Tongue-Tied. Six years of kind, reliable sex is a wonderful foundation to build on. You're not asking her to become someone else; you're inviting her further into who you are.

Sam

[^1]: Blunt-ended safety scissors (sometimes sold as "trauma shears") cut through fabric and rope quickly without catching skin. Keep them within arm's reach, not in a drawer in another room.
"""

THREE_ON_FIRST_TIMES = """\
Three letters this week from three very different places, all circling the same question: *how do I do this for the first time without getting it wrong?* Here's the news that applies to all three of you. There isn't a right way that you can get wrong. There are only ways to be kind, curious and safe, and you all sound as though you're already trying.

Priya Halloran, who writes our sister column Body Check, joined me for the health parts.

## Frozen in Freshers' Week: nothing is wrong with you

Freezing up is your nervous system doing its job: it has noticed that something feels high-stakes and it's putting the brakes on. That's not a fault to override; it's information. The question is what it's telling you.

It might be "I'm not ready yet." It might be "I'm ready, but scared of pain." It might be "I'm ready, but I feel rushed." Those need different things, so it's worth sitting with the feeling on your own before you try to fix it together.

Some things that help most people:

- **Take penetration off the menu for now.** Tell your boyfriend you'd like to spend the next few weeks doing everything *except* that. Removing the big moment often lets the freezing ease, because nothing is being built up to.
- **Learn your own body first.** If you haven't explored on your own, that's a good, low-pressure place to start. You'll find out what feels good and be able to say so.
- **Agree that either of you can stop at any time**, with no explanation needed, and that stopping is never a failure.
  - Saying this out loud, before anything starts, is what makes it real.
  - Then actually do it once, early on, so you both know it works.

About pain: first-time sex doesn't have to hurt. Discomfort usually comes from going too fast, not being aroused enough or not enough lubrication, and all of those are fixable. Lots of time, lots of lube and going at your pace make a big difference. If sex hurts every time, even when you're relaxed and turned on, see a GP or a sexual-health clinic: that's a medical question with medical answers.

As for everyone at uni having done everything: they haven't. People start having sex at a wide range of ages, plenty of people reach their twenties without having had sex at all, and people tend to exaggerate far more often than they play things down.

And a boyfriend who "gets bored of waiting" isn't waiting, he's keeping score. From what you say, yours sounds patient. Trust that, and tell him what you've told me.

## Finally Out in Falkirk: you're not a beginner at everything

Congratulations on coming out, and on the lovely-sounding date. Feeling like a teenager again is very common for people who come out later, and it has a wonderful side: you get a second go at discovery, this time with the self-knowledge of a 34-year-old.

You asked what you're "supposed" to do. The honest answer is that there's no script for sex between women, any more than there is one for sex between a woman and a man. It only *feels* as though there's a script for the second kind because it's everywhere. Sex with her will be whatever the two of you make it: kissing, touching, hands, mouths, toys, all of it or some of it.

Some practical thoughts:

1. **Tell her you're nervous.** Experienced partners are usually touched, not put off, by honesty. "I really want this and I'm nervous" is one of the most attractive sentences there is.
2. **Ask what she likes, and show her what you like.** The skills you already have (knowing your own body, paying attention, asking) transfer completely.
3. **Her experience is an asset, not a test.** Let her lead sometimes. You don't have to prove anything.

On the health side, Priya adds: STIs can pass between women, through oral sex, shared toys and skin-to-skin contact. Washing toys, or putting a fresh condom on them, between partners, and getting tested when you start a new relationship, are good habits for everyone.

## Starting Over in Swansea: yes, the rules have changed a little

First the condom question, because it matters: yes, people your age should use condoms with new partners. The menopause ends the pregnancy risk but not the risk of infections, and sexual-health services in several countries have been seeing more STIs in older people in recent years, partly because this generation was never told that condoms were for them.[^1]

> People assume sexual health is something for the young. In clinic I see people in their fifties, sixties and seventies every week, often starting new relationships after divorce or bereavement. A check-up before you start something new is exactly what we're here for, and nobody will raise an eyebrow.
>
> — Dr Helena Marsh-Okoye, consultant in sexual and reproductive health

A simple plan for you and your new partner:

- [ ] Have the "shall we both get tested?" chat before things get heated. Framing it as "I'd like us both to be able to relax" helps.
- [ ] Buy condoms *and* lubricant. After the menopause, vaginal dryness is very common, and a good lubricant can turn uncomfortable into lovely.
- [ ] If dryness or soreness persists, ask a GP or pharmacist about vaginal moisturisers or low-dose vaginal oestrogen, which suit most women.
- [ ] Talk about what you each like. At this stage of life you have the great advantage of not needing to pretend.

As for your body: he has met you, and he has asked you to stay. He isn't expecting 1998. Most people in their fifties feel some version of what you feel, and most find that a kind partner and a dimmed lamp do wonders. You haven't forgotten how; you're rusty, and rust comes off with use.

## For all three of you

Reading these letters side by side, I noticed that each of you is worried about performing: being *good* at sex, getting it *right*. But sex with someone you like isn't a performance; it's a conversation. The best first times tend to include a lot of talking, some laughing, at least one awkward moment and no marking of yourself afterwards.

| | Frozen | Finally Out | Starting Over |
|---|---|---|---|
| What's in the way | Fear of pain, feeling rushed | Not knowing the "script" | Body image, being out of practice |
| First step | Take penetration off the table for now | Tell her you're nervous | The testing chat, and lube |
| Health note | Pain every time? See a clinician | STIs pass between women too | Condoms still matter after menopause |

## Further reading

- [Brook](https://www.brook.org.uk/): sexual health and wellbeing for under-25s in the UK.
- [Scarleteen](https://www.scarleteen.com/): guides to first times for people of every gender and orientation.
- [NHS website](https://www.nhs.uk/): find a sexual-health clinic near you and read about contraception and STIs.
- [World Health Organization](https://www.who.int/): global information on sexual and reproductive health.

Sam (with Priya)

[^1]: Rises in STI diagnoses among people over 45 have been reported by public-health agencies in recent years. Whatever the figures in your area, the advice is the same at any age: condoms with new partners, and a test when you start a new relationship.
"""
